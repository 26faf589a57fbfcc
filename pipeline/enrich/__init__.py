"""Enrich: what the core pipeline's tasks and units mean for a supervisor who tracks them.

Runs after the units are assigned. `jurisdiction` reads the division a notice governs from its
own text; `kinds` and `canonical` give each unit its sort of body and full official name;
`gazetteer` reads the optional per-jurisdiction file that expands 各乡（镇）人民政府 into its
townships; `units` builds the notice's table of distinct units; `dates` reads deadlines in the
task text, `reporting` turns the reporting rule into due dates; `targets` reads the measurable
targets. Every vocabulary is a data file in pipeline/data/.
"""
