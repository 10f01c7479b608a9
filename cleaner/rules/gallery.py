"""Photo galleries: their markers and the run of captions between them.

A gallery opens with a marker ("34 PHOTOS", "See Gallery", "Image 1 of 23",
"Slide 3/10") and often closes with widget text ("HIDE CAPTION", "BACK TO SLIDE",
"SEE ALL"). Galleries are runs, so they are classified as runs: from an opening
marker, the run takes every line up to the last closing marker of the same block
(no blank line in between), and beyond that keeps growing over caption-like lines
(credits, markers, repeats of the gallery title).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from ..segment import Line
from .base import ContextRule, Document, LineRule
from .captions import is_caption_like

OPEN = LineRule(
    id="gallery.marker",
    reason="photo gallery marker (photo count, 'See Gallery', slide position)",
    exact=("see gallery", "view gallery", "launch gallery", "open gallery", "photo gallery",
           "view photo gallery", "view slideshow", "launch slideshow", "start slideshow",
           "slideshow", "gallery", "photos", "view photos", "see photos", "see all photos",
           "view all photos", "more photos", "click to view gallery", "fotogalerie", "galería",
           "galeria de fotos", "fotogalleria", "фотогалерея", "galeri foto", "zur bildergalerie", "bildergalerie",
           "fotostrecke", "voir le diaporama", "diaporama", "galerie photos", "ver galería", "ver galeria",
           "fotogaleri", "galería de fotos", "next image", "previous image"),
    patterns=(
        r"^\d{1,4}\s+(?:photos|pictures|images|pics|slides|fotos|bilder|photographies|фото)$",
        r"^(?:image|photo|picture|slide|foto|bild|imagen|imagem|immagine|gambar|фото|diapositiva)\s+\d{1,4}\s*"
        r"(?:of|/|von|de|di|sur|dari|из)\s*(?:/\s*)?\d{0,4}$",
        # "Fotostrecke: 15 Bilder", "Galeri foto (10)"
        r"^(?:fotostrecke|bildergalerie|galeri foto|fotogaleri|diaporama|galería|galeria|gallery)\s*[:(]?\s*\d{1,4}\s*"
        r"(?:bilder|fotos?|photos|images|imágenes|imagens)?\)?$",
        r"^\d{1,4}\s*(?:of|/)\s*\d{1,4}$",
        r"^(?:gallery|slideshow|photos|in pictures|in photos|photo essay)\s*[:|]\s*.{1,120}$",
        r"^(?:see|view|browse|launch|open) (?:the )?(?:full |entire )?(?:gallery|slideshow|photos)\b.{0,60}$",
        r"^\d{1,4}\s+(?:photos|pictures|images)\s*[:|-]\s*.{1,120}$",
    ),
)

CLOSE = LineRule(
    id="gallery.controls",
    reason="photo gallery navigation controls",
    exact=("hide caption", "show caption", "of", "see all", "back to slide", "back to gallery",
           "next slide", "previous slide", "prev", "next", "previous", "close", "fullscreen",
           "full screen", "exit fullscreen", "replay", "replay gallery", "skip ad", "swipe",
           "swipe for more photos", "up next", "autoplay", "pause", "play", "thumbnails",
           "show thumbnails", "hide thumbnails", "expand", "collapse", "close gallery",
           "next gallery", "more galleries", "back to top of gallery", "caption", "captions",
           "expand caption", "hide caption", "show caption", "toggle caption", "close caption"),
)

# Lines the run may absorb when no closing marker bounds it.
_MAX_RUN = 400


def _title_key(doc: Document, index: int, repeated: Callable[[str], bool]) -> str | None:
    """The gallery's title: the line after an opening marker, which the gallery repeats.

    A line in the marker's own block (no blank line between), a line shaped like a title,
    or a sentence the page repeats (a slide's caption under the slide and again under its
    thumbnail). A paragraph of prose of its own, said once, after a stray marker ("1 of 12"
    above the story's lead) is the story, not the gallery's.
    """
    nxt = index + 1
    if nxt >= len(doc.lines):
        return None
    line = doc.lines[nxt]
    return line.key if not line.blank_before or line.label != "content" or repeated(line.key) else None


class _Blocks:
    """The last gallery marker of each block (lines without a blank line between).

    Asked for lines in increasing order, it scans each block once: asking each opening
    marker afresh would rescan the rest of a long block per marker (quadratic time on a
    page of "1 of 20" lines).
    """

    def __init__(self, doc: Document) -> None:
        self.lines = doc.lines
        self.end = -1  # last line of the block scanned last
        self.last = -1  # its last opening or closing marker, -1 when none

    def last_marker(self, index: int) -> int:
        """The last marker after `index` in its block, or `index` when there is none."""
        if index > self.end:
            self._scan(index)
        return self.last if self.last > index else index

    def _scan(self, index: int) -> None:
        lines, end, last = self.lines, index, -1
        while end + 1 < len(lines) and not lines[end + 1].blank_before:
            end += 1
            if lines[end].rule in (CLOSE.id, OPEN.id):
                last = end
        self.end, self.last = end, last


def _run(doc: Document, rule: ContextRule) -> None:
    lines = doc.lines
    blocks = _Blocks(doc)
    # A run changes only the lines it takes: the markers found here stay markers until then.
    opener = OPEN.id
    opens = [line.index for line in lines if line.rule == opener]
    if not opens:
        return
    counts = Counter(line.key for line in lines)
    j = 0  # the first line no run has taken
    for i in opens:
        if i < j:
            continue
        title = _title_key(doc, i, lambda key: counts[key] > 1)
        doc.mark(lines[i], rule)
        last_close = blocks.last_marker(i)
        j = i + 1
        while j < len(lines) and j - i < _MAX_RUN:
            line = lines[j]
            inside_block = j <= last_close
            if inside_block or line.is_clutter or is_caption_like(line.norm) or (
                title and line.key == title
            ):
                if not line.is_clutter or line.rule in (CLOSE.id, OPEN.id):
                    doc.mark(line, rule)
                j += 1
                continue
            break


GALLERY = ContextRule(
    id="gallery.run",
    reason="photo gallery: the run of captions between gallery markers",
    apply=_run,
)


def _orphan_controls(doc: Document, rule: ContextRule) -> None:
    """Closing controls count only next to other gallery lines; alone, 'Next' may be prose."""
    lines = doc.lines
    close = CLOSE.id
    last = len(lines) - 1
    for line in [line for line in lines if line.rule == close]:  # few lines are controls
        idx = line.index
        before = lines[idx - 1] if idx > 0 else None
        after = lines[idx + 1] if idx < last else None
        # Another control beside it settles it before the (costlier) caption test.
        if (before is not None and before.rule == close) or (after is not None and after.rule == close):
            continue
        if not _gallery_line(before) and not _gallery_line(after):
            doc.unmark(line)


def _gallery_line(line: Line | None) -> bool:
    return line is not None and (line.is_clutter or is_caption_like(line.norm))


ORPHAN_CONTROLS = ContextRule(
    id="gallery.controls_context",
    reason="gallery controls are clutter only beside other gallery lines",
    apply=_orphan_controls,
)

LINE_RULES = (OPEN, CLOSE)
