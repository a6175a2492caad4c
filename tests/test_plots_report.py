"""Figures assert on what they plot; the report parses and embeds every figure; bad DIRs exit 2."""

from __future__ import annotations

import io
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from typer.testing import CliRunner

from negosim.cli import app
from negosim.engine.catalogue import load_scenario
from negosim.experiments import Options, run_experiment
from negosim.experiments.sensitivity import analyse, evaluate, problem_of, sample
from negosim.plots import load_results, panels
from negosim.plots.experiments import sensitivity_bars, sweep_heatmap, sweep_lines
from negosim.plots.outcomes import agreement_overview, outcome_distributions
from negosim.plots.space import deal_density, utility_space
from negosim.plots.style import OKABE_ITO, Caption, actor_colours
from negosim.plots.traces import concession_traces
from tests.conftest import CONFIGS

runner = CliRunner()
CAPTION = Caption("Test scenario", 100, 7)


@pytest.fixture(scope="module")
def experiment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results") / "gb"
    run_experiment(
        load_scenario(CONFIGS / "grand_bargain.yaml"),
        "gb",
        Options(runs=60, chunk_size=20, out=out, traces=True, seed=7),
    )
    return out


def runs_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agreement": [True, True, True, False],
            "reason": ["agreement", "agreement", "agreement", "breakdown"],
            "rounds": [3, 5, 5, 2],
            "outcome.share": [0.2, 0.4, 0.4, None],
            "outcome.option": ["b", "a", "b", None],
            "utility.x": [0.5, 0.6, 0.7, 0.3],
            "utility.y": [0.5, 0.4, 0.3, 0.2],
        }
    )


def test_outcome_distributions_plot_the_agreed_values_and_mark_the_draft() -> None:
    fig = outcome_distributions(
        runs_frame(),
        {"share": ("share", 0.0, 1.0), "option": ["a", "b", "c"]},
        {"share": 0.5, "option": "b"},
        CAPTION,
    )
    share_ax, option_ax = fig.axes[:2]
    bars = {round(bar.get_x(), 2): bar.get_height() for bar in share_ax.patches}
    assert len(bars) == 20, "twentieths of the range"
    assert bars[0.2] == pytest.approx(1 / 3)
    assert bars[0.4] == pytest.approx(2 / 3)
    assert sum(bars.values()) == pytest.approx(1.0)
    assert share_ax.get_ylabel() == "share of deals"
    assert share_ax.lines[0].get_xdata()[0] == 0.5, "the draft line"
    assert share_ax.get_xlim() == (0.0, 1.0)
    assert [t.get_text() for t in option_ax.get_yticklabels()] == ["a", "b", "c"]
    heights = [bar.get_width() for bar in option_ax.patches]
    assert heights == pytest.approx([1 / 3, 2 / 3, 0.0])
    assert option_ax.patches[1].get_facecolor()[:3] == pytest.approx(_rgb(OKABE_ITO[1]))
    assert "3 deals" in fig.get_suptitle()
    assert "100 runs · seed 7" in fig.get_suptitle()


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def test_agreement_overview_shows_rate_interval_reasons_and_rounds() -> None:
    fig = agreement_overview(runs_frame(), (0.3, 0.95), CAPTION)
    rate_ax, reason_ax, rounds_ax = fig.axes
    assert rate_ax.patches[0].get_height() == pytest.approx(0.75)
    assert rate_ax.get_title() == "Deal reached: 75.0%"
    assert [t.get_text() for t in reason_ax.get_yticklabels()] == ["breakdown"]
    counts = [p.get_height() for p in rounds_ax.patches]
    assert sum(counts) == 3
    assert rounds_ax.get_xlabel() == "rounds to agreement"


def test_utility_space_has_every_layer_in_its_legend() -> None:
    outcomes = pd.DataFrame(
        {"x": [0.1, 0.5, 0.9], "y": [0.9, 0.5, 0.1], "pareto": [True, True, True]}
    )
    deals = pd.DataFrame({"x": [0.5, 0.55], "y": [0.45, 0.5]})
    fig = utility_space(
        outcomes,
        deals,
        {"x": 0.2, "y": 0.1},
        {"Nash": (0.5, 0.5), "Kalai-Smorodinsky": (0.5, 0.5)},
        actor_colours(["x", "y"]),
        CAPTION,
    )
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [
        "every outcome",
        "Pareto frontier",
        "simulated deals (2)",
        "x walk-away",
        "y walk-away",
        "Nash",
        "Kalai-Smorodinsky",
    ]
    assert deal_density(deals).sum() == 2
    assert fig.axes[0].get_xlabel() == "utility to x (0 = worst, 1 = best)"


def test_concession_traces_plot_medians_per_actor() -> None:
    traces = pd.DataFrame(
        {
            "round": [1, 1, 2, 2, 1, 2],
            "actor": ["x", "x", "x", "x", "y", "y"],
            "utility": [0.2, 0.4, 0.6, 0.8, 0.9, 0.7],
        }
    )
    fig = concession_traces(traces, actor_colours(["x", "y"]), CAPTION)
    x_line, y_line = fig.axes[0].lines
    assert list(x_line.get_ydata()) == pytest.approx([0.3, 0.7])
    assert list(y_line.get_ydata()) == pytest.approx([0.9, 0.7])
    assert x_line.get_color() == OKABE_ITO[0]


def test_sweep_figures_show_rates_by_swept_value() -> None:
    sweep = pd.DataFrame(
        {
            "sweep.p": [0.1] * 4 + [0.9] * 4,
            "sweep.q": ["a", "b"] * 4,
            "agreement": [True] * 4 + [False, False, True, False],
            "utility.x": np.linspace(0, 1, 8),
        }
    )
    fig = sweep_lines(sweep, "sweep.p", {"x": OKABE_ITO[0]}, CAPTION)
    rate = fig.axes[0].lines[0]
    assert list(rate.get_ydata()) == pytest.approx([1.0, 0.25])
    heat = sweep_heatmap(sweep, "sweep.p", "sweep.q", CAPTION)
    assert heat.axes[0].images[0].get_array().tolist() == [[1.0, 0.5], [1.0, 0.0]]


def test_sensitivity_bars_are_sorted() -> None:
    indices = pd.DataFrame(
        {
            "output": ["agreement"] * 2,
            "parameter": ["small", "big"],
            "ST": [0.1, 0.8],
            "S1": [0.05, 0.6],
        }
    )
    fig = sensitivity_bars(indices, "agreement", CAPTION)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["small", "big"], "largest at the top"


def test_every_figure_of_an_experiment(experiment: Path) -> None:
    found = list(panels(load_results(experiment)))
    assert [p.name for p in found] == [
        "agreement",
        "terms",
        "utility_space",
        "concessions",
        "forecast",
    ]
    for panel in found:
        assert isinstance(panel.figure, Figure)
        assert panel.reading.endswith(".")
        assert panel.figure.get_suptitle()


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_plot_writes_valid_files(experiment: Path, fmt: str, magic: bytes) -> None:
    result = runner.invoke(app, ["plot", str(experiment), "--format", fmt])
    assert result.exit_code == 0, result.output
    files = sorted((experiment / "figures").glob(f"*.{fmt}"))
    assert len(files) == 5
    for file in files:
        assert file.read_bytes().startswith(magic)
    if fmt == "png":
        from matplotlib.image import imread

        image = imread(io.BytesIO(files[0].read_bytes()), format="png")
        assert image.shape[0] > 300


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.captions = 0
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        if tag == "figcaption":
            self.captions += 1


def test_the_report_is_self_contained_and_embeds_every_figure(experiment: Path) -> None:
    result = runner.invoke(app, ["report", str(experiment)])
    assert result.exit_code == 0, result.output
    page = (experiment / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert len(parser.images) == 5
    assert parser.captions == 5
    assert all(src.startswith("data:image/png;base64,") for src in parser.images)
    assert "http://" not in page
    assert "https://" not in page
    assert "Headline" in page
    assert "Run manifest" in page
    assert "American taxpayers to get their money back" in page, "sources are quoted"
    assert "Assumption:" in page
    assert (
        "Ukraine accepts no deal whose security guarantee is none or us economic presence" in page
    )
    assert (
        "Unless the security track is settled too, a deal on the minerals track keeps only 60% of "
        "its value to United States and Ukraine" in page
    )
    assert "security_guarantee is" not in page  # field names are not sentences


def test_sensitivity_and_sweep_directories_have_their_figures(tmp_path: Path) -> None:
    scenario = load_scenario(CONFIGS / "grand_bargain.yaml")
    directory = tmp_path / "sens"
    result = runner.invoke(
        app,
        [
            "sensitivity",
            "grand_bargain",
            "--method",
            "morris",
            "--samples",
            "4",
            "--out",
            str(directory),
        ],
    )
    assert result.exit_code == 0, result.output
    names = [p.name for p in panels(load_results(directory))]
    assert names == ["sensitivity", "forecast"]
    problem = problem_of(scenario)
    rows = sample(problem, "morris", 2, 0)
    assert not analyse(
        problem, "morris", rows, evaluate(scenario, problem["names"], rows, 0, 1), 0
    ).empty
    sweep_dir = tmp_path / "sweep"
    result = runner.invoke(
        app,
        [
            "sweep",
            "split_the_pie",
            "--set",
            "actors.bob.reservation=0.1,0.3",
            "--set",
            "actors.alice.reservation=0.2,0.4",
            "--runs",
            "4",
            "--out",
            str(sweep_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in panels(load_results(sweep_dir))] == ["sweep", "sweep_grid", "forecast"]


@pytest.mark.parametrize("command", ["plot", "report"])
def test_missing_or_empty_directories_exit_2(tmp_path: Path, command: str) -> None:
    missing = runner.invoke(app, [command, str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such directory" in missing.output
    empty = runner.invoke(app, [command, str(tmp_path)])
    assert empty.exit_code == 2
    assert "no scenario.json here" in empty.output
    assert "Traceback" not in empty.output


def test_report_pages_escape_every_text_they_show(experiment: Path) -> None:
    """Templates escape what a scenario says (Jinja2 with autoescape): markup in a title or a
    quote is shown, never run."""
    from negosim.plots import load_results
    from negosim.report import report_html
    from negosim.report.document import Paragraph, Quote, to_html

    page = to_html("<b>title</b>", [Paragraph("<script>alert(1)</script>"), Quote('a "quote"')])
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in page
    results = load_results(experiment)
    hostile = results.scenario.model_copy(update={"title": "<img src=x onerror=alert(1)>"})
    report = report_html(replace(results, scenario=hostile), [])
    assert "<img src=x" not in report
    assert "&lt;img src=x onerror=alert(1)&gt;" in report


def test_a_sampled_walk_away_is_drawn_as_a_band() -> None:
    """A deal below the stated walk-away line may beat its own run's sampled walk-away: the
    figure shows where 90% of the sampled values lie."""
    from negosim.plots.figures import sampled_walk_aways

    runs = pd.DataFrame(
        {
            "param.actors.x.reservation": np.linspace(0.1, 0.5, 101),
            "param.actors.y.reservation": [0.3] * 101,
        }
    )
    sampled = sampled_walk_aways(runs, ("x", "y"))
    assert list(sampled) == ["x"], "a fixed walk-away has no band"
    assert sampled["x"] == pytest.approx((0.12, 0.48))
    outcomes = pd.DataFrame({"x": [0.1, 0.9], "y": [0.9, 0.1], "pareto": [True, True]})
    fig = utility_space(
        outcomes,
        outcomes.iloc[:0],
        {"x": 0.3, "y": 0.3},
        {},
        actor_colours(["x", "y"]),
        CAPTION,
        sampled,
    )
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "x walk-away, 90% of runs" in labels
    assert "y walk-away, 90% of runs" not in labels
    (band,) = [p for p in fig.axes[0].patches if p.get_label() == "x walk-away, 90% of runs"]
    assert band.get_x() == pytest.approx(0.12)  # type: ignore[attr-defined]
    assert band.get_x() + band.get_width() == pytest.approx(0.48)  # type: ignore[attr-defined]


def test_projector_fonts_are_half_as_large_again_and_only_inside_the_block() -> None:
    from negosim.plots.style import figure
    from negosim.web.projector import figure_fonts

    with figure_fonts(large=True):
        projected = figure()
        projected.add_subplot().set_title("t")
    plain = figure()
    plain.add_subplot().set_title("t")
    ticks = [f.axes[0].xaxis.get_ticklabels()[0].get_fontsize() for f in (projected, plain)]
    assert ticks[0] == 14
    assert ticks[0] >= 1.4 * ticks[1]
    assert projected.axes[0].title.get_fontsize() == 16
