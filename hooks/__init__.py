"""The site's build hooks: MkDocs loads each file listed in mkdocs.yml by its path.

A package, so that one hook can use another's code by name (``from hooks import figures``);
the editable install puts the repository root on ``sys.path``, as it does for ``nn11``.
"""
