"""Structure stages: paragraphs -> flattened tables -> tables -> outline -> header -> tasks.

Each stage takes the blocks (or the outline) an earlier stage returned and returns its own
output; none of them looks at the carrier again or at the runner's state.
"""
