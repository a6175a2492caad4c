"""Self-contained HTML reports of experiments."""

from negosim.report.html import report_html

__all__ = ["report_html"]
