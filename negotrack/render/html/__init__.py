"""The static HTML report: plain pages, one stylesheet, a timeline picture.

Built with Jinja2 (autoescaping on, so every piece of KB text is escaped) from
the same views as the other formats. Nothing is fetched from the network, no
script is needed, and the same KB and options give byte-identical files.
"""
