"""What readers see: markup and charts.

``markup`` renders Jinja2 templates with autoescaping and Markdown made safe, with numbered
citations; ``figures`` draws plotly figures offline; ``palette`` chooses their colours.
"""
