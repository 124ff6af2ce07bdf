"""Development tools beside the runtime: benchmark, evaluation, the figure sample.

Not part of the pipeline and never imported by it: :mod:`.evaluate` scores
quote attribution on the WikiNews benchmark (``python -m kit eval quotes``),
:mod:`.bench` measures speed, memory and scaling (``python -m kit bench``),
:mod:`.figure_sample` scores the hand-checked figure sample, :mod:`.tagging`
checks the built-in pipeline against HanTa and the benchmark's sentences.
The benchmark data is read from ``../shared`` at run time, never copied.

May import anything in :mod:`kit` except :mod:`kit.cli`.
"""
