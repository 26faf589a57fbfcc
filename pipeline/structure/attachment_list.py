"""The covering notice's list of its attachments (``附件：1.…清单`` then ``2.…清单`` on the lines
after it, or ``附件：`` alone then ``1.…`` ``2.…``): numbered titles that are no items. Read only in
the cover, before its date; an attachment's own ``附件：重点任务分解表`` then ``一、…`` is its title
over its headings."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.vocab import MarkerStyle

Found = tuple[MarkerStyle, int | None, int]  # as outline.match_marker gives: style, number, length

ATTACHMENT_LIST = re.compile(r"^附件\s*:")  # folded
LISTED_TITLE = re.compile(r"^[^。;!?:]{2,60}$")  # a title: no sentence end, no label


class AttachmentList:
    """Follows one list of attachments through the paragraphs, one `takes` call each."""

    def __init__(self) -> None:
        self.listing: tuple[str | None, int] | None = None  # the list's style (None: any) and last number

    def takes(self, key: str, marker: Callable[[str], Found | None], in_cover: bool) -> bool:
        """Is the folded paragraph `key` the list's next title?"""
        found = marker(key)
        if self.listing is not None and found is not None and LISTED_TITLE.match(key[found[2] :]):
            style, number = self.listing
            if found[1] == number + 1 and style in (None, found[0].name) and found[0].kind == "ar":
                self.listing = (found[0].name, number + 1)
                return True
        self.listing = None
        if in_cover and ATTACHMENT_LIST.match(key):
            rest = key.split(":", 1)[1].strip()
            first = marker(rest) if rest else None
            if not rest:
                self.listing = (None, 0)
            elif first is not None and first[1] == 1:
                self.listing = (first[0].name, 1)
        return False
