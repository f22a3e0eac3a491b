"""The command line: the click group and its commands (``main``), the ``sources`` group
(``sources``) and what is printed to a terminal (``display``)."""
