"""What the PDF draws around the text: its font family, the DRAFT watermark, and the counter
that lets the footers print "Page n of N".

The watermark is a picture (a PNG drawn once per page, stored once in the file), not text:
copying a page's text, or extracting it, never picks up the letters of DRAFT.
"""

from __future__ import annotations

import functools
import io
from typing import Any, Protocol

from bidkit.export.ir import LABELS
from bidkit.resources import resource_path

FONT = "BidKitSans"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
_registered = False


def register_fonts() -> None:
    """Register the embedded font family once per process."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file_name in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Oblique")
    addMapping(FONT, 1, 1, f"{FONT}-BoldOblique")
    _registered = True


class _HasTotal(Protocol):
    total_pages: int | None


def draw_watermark(canvas: Any, page_size: tuple[float, float], draft: bool) -> None:
    """DRAFT across the page as a picture, so copying the page's text never picks it up.

    The picture is drawn once per file into a form (a reusable drawing) that every page
    shows: decoding and embedding it for each page would cost far more than the text."""
    if not draft:
        return
    if not getattr(canvas, "_bidkit_watermark", False):
        from reportlab.lib.utils import ImageReader

        width, height = page_size
        size = min(width, height) * 0.9
        canvas.beginForm(_WATERMARK_FORM)
        canvas.drawImage(ImageReader(io.BytesIO(watermark_png(LABELS["draft"]))),
                         (width - size) / 2, (height - size) / 2, size, size,
                         mask="auto")  # fmt: skip
        canvas.endForm()
        setattr(canvas, "_bidkit_watermark", True)  # noqa: B010 (one form per canvas)
    canvas.doForm(_WATERMARK_FORM)


_WATERMARK_FORM = "BidKitDraftWatermark"


@functools.cache
def watermark_png(text: str) -> bytes:
    """`text` in grey, a quarter opaque, turned 45 degrees, on a transparent square (PNG)."""
    from PIL import Image, ImageDraw, ImageFont

    side = 800
    font = ImageFont.truetype(str(resource_path("fonts", _FONT_FILES[f"{FONT}-Bold"])), 200)
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    band = Image.new("RGBA", (right - left + 40, bottom - top + 40), (0, 0, 0, 0))
    ImageDraw.Draw(band).text((20 - left, 20 - top), text, font=font, fill=(153, 153, 153, 64))
    band = band.rotate(45, expand=True, resample=Image.Resampling.BICUBIC)
    band.thumbnail((side, side))
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.paste(band, ((side - band.width) // 2, (side - band.height) // 2))
    out = io.BytesIO()
    square.save(out, "PNG", optimize=True)
    return out.getvalue()


def make_page_counter(layout: _HasTotal) -> Any:
    from reportlab.platypus.flowables import Flowable

    class PageCounter(Flowable):  # type: ignore[misc]
        """Invisible; makes multiBuild run until the page total printed in footers is right."""

        def __init__(self) -> None:
            super().__init__()
            self.width = self.height = 0
            self.seen: int | None = None

        def isIndexing(self) -> int:
            return 1

        def isSatisfied(self) -> int:
            return int(self.seen is not None and self.seen == layout.total_pages)

        def beforeBuild(self) -> None:
            layout.total_pages = self.seen

        def afterBuild(self) -> None:
            pass

        def notify(self, kind: str, stuff: object) -> None:
            pass

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            self.seen = self.canv.getPageNumber()

    return PageCounter()
