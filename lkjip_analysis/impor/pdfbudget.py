"""A PDF page interpreted within a budget, and only what a reader sees of it.

The page's content is run through pdfminer with a device that counts what it draws (glyphs,
paths, images, forms entered) and the time it takes: a page beyond either is not read and is
listed so, instead of taking minutes and gigabytes (forms drawing each other a billion times,
half a million text objects). Of the glyphs drawn, those a reader cannot see are left out:
outside the page, or white on a page with nothing dark under them.
"""

from __future__ import annotations

import time

from .colour import fill_colour, is_white

PAGE_OBJECTS = 50_000  # glyphs, paths, images and forms on one page (a dense page: ~10 000)
PAGE_FORMS = 5_000  # forms and images entered on one page (each costs a content stream's parse)
PAGE_SECONDS = 20.0
_CHECK_EVERY = 4096


class PageTooBusy(Exception):
    """The page draws more than the budget allows."""


def lay_out(page) -> None:
    """Compute `page`'s layout within the budget, where pdfplumber keeps it (its `layout`
    property computes it the same way, without a budget). Raises PageTooBusy."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _device_class()(page.pdf.rsrcmgr, pageno=page.page_number,
                             laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


_DEVICE = None


def _device_class():
    global _DEVICE
    if _DEVICE is None:
        from pdfplumber.page import PDFPageAggregatorWithMarkedContent

        class CountingDevice(PDFPageAggregatorWithMarkedContent):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self.drawn = self.calls = 0
                self.started = time.monotonic()

            def count(self, weight: int = 1) -> None:
                self.drawn += weight
                self.calls += 1
                if self.drawn > PAGE_OBJECTS:
                    raise PageTooBusy(self.drawn)
                if self.calls % _CHECK_EVERY == 0 and (time.monotonic() - self.started
                                                       > PAGE_SECONDS):
                    raise PageTooBusy(self.drawn)

            def render_char(self, *args, **kwargs):
                self.count()
                return super().render_char(*args, **kwargs)

            def paint_path(self, *args, **kwargs):
                self.count()
                return super().paint_path(*args, **kwargs)

            def render_image(self, *args, **kwargs):
                self.count()
                return super().render_image(*args, **kwargs)

            def begin_figure(self, *args, **kwargs):
                self.count(PAGE_OBJECTS // PAGE_FORMS)
                return super().begin_figure(*args, **kwargs)

        _DEVICE = CountingDevice
    return _DEVICE


def visible_page(page):
    """`page` without the glyphs a reader cannot see, and how many were left out."""
    backgrounds = [obj for obj in page.rects + page.images if _dark_under(obj)]
    unseen = {id(char) for char in page.chars if not _visible(char, page, backgrounds)}
    if not unseen:
        return page, 0
    return page.filter(lambda obj: id(obj) not in unseen), len(unseen)


def _visible(char: dict, page, backgrounds: list[dict]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    x0, top, x1, bottom = page.bbox
    if not (x0 <= x <= x1 and top <= y <= bottom):
        return False
    if not is_white(fill_colour(char)):
        return True
    return any(b["x0"] <= x <= b["x1"] and b["top"] <= y <= b["bottom"] for b in backgrounds)


def _dark_under(obj: dict) -> bool:
    """An image, or a filled shape that is not white: white text on it can be seen."""
    if obj.get("object_type") == "image":
        return True
    return bool(obj.get("fill")) and not is_white(fill_colour(obj))

