"""The post's "what next" list as small changes to the three-layer listing.

Each module here is ``nn11/three_layer.py`` with one change, runnable as
``python -m nn11.variants.<name>``; ``<name>.diff`` next to it is the change
(``tools/diffs.py`` writes it). ``data.py`` holds the mini-batch variant's dataset.
"""

#: The variants, in the order the site presents them.
NAMES = ("bias", "minibatch", "momentum", "dropout", "l2", "layers")
