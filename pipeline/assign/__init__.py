"""Assignment stages: labels -> assignments (prose, brackets, label lines) -> roles -> units ->
conventions: who is assigned to each task, split and normalized, with the raw text beside it.
"""
