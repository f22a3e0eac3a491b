"""What the extraction workers' fork server loads before it forks them, so that they share it.

``crawler.pool`` names this module in ``set_forkserver_preload``; importing it is its whole
purpose. It imports the extraction stack (``pipelines.process``: trafilatura, lxml, jieba),
loads the analysis state that no configuration changes (``analyse.load_shipped_tables``: jieba's
dictionary with the shipped words, gazetteer, organisation list, IDF and part-of-speech tables,
~170 MB of Python objects), then ``gc.freeze()``s every object so far. Each worker forked
afterwards shares those pages copy-on-write instead of building its own copy; the freeze keeps
the collector from writing to every object's header, which would copy the pages anyway. A
worker's initializer (``process.init_worker``) then adds only what its config adds: watch words,
extra places and organisations, a user dictionary.

Nothing else should import it: it would pay the whole load for no one to share.
"""

from __future__ import annotations

import gc

from pipelines.heap import keep_heap_small, return_free_heap

keep_heap_small()  # here and in every worker forked from here

from pipelines import analyse, process  # noqa: E402, F401  (process: imported here to be shared)

analyse.load_shipped_tables()
gc.freeze()
# Loading leaves ~14 MB of freed temporaries in the C heap. Kept, they would stay in this process
# and a worker reusing one would copy it from here; returned, a worker takes fresh pages instead.
return_free_heap()
