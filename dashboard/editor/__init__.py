"""The storefront editor: theme, colours, logo, announcement bar and home-page sections, with a live
preview of the draft. Nothing reaches the storefront until the owner publishes.

Two kinds of requests:
- Autosave (look and section forms, `hx-trigger="input changed delay:500ms"`): the page's inputs are
  never replaced while someone types. The answer carries only out-of-band swaps: each field's error
  slot, the draft/publish toolbar and, once the draft is saved, the preview frame with a new address.
- Structural changes (theme, add / move / remove a section, image upload, publish, discard) answer
  with the whole editor panel again, plus the toolbar and preview.
Without JavaScript every form posts normally and the page comes back (with errors in place, status
400, when something is invalid).
"""

from .views import (
    discard,
    editor,
    image_upload,
    look_save,
    preview,
    publish,
    section_add,
    section_move,
    section_remove,
    section_save,
    theme_pick,
)

__all__ = [
    "discard",
    "editor",
    "image_upload",
    "look_save",
    "preview",
    "publish",
    "section_add",
    "section_move",
    "section_remove",
    "section_save",
    "theme_pick",
]
