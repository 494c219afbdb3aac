"""Split Vazirmatn into the two subsets the pages use, with unicode-range in static/css/asoud.css.

    python3.11 -m venv /tmp/fonts && /tmp/fonts/bin/pip install fonttools==4.68.0 brotli==1.2.1
    /tmp/fonts/bin/python scripts/font_subset.py

(A one-off tool, so its packages stay out of the project's requirements: brotli in the project's
environment would make WhiteNoise brotli-compress every static file at each collectstatic, which
took minutes on the shared machine.)

The full variable font (112 KB) covers Arabic, Persian, Latin and more. Browsers download a
@font-face only when the page uses a character in its unicode-range, so an English page fetches the
Latin subset alone and a Persian page the Arabic-script subset (plus Latin for punctuation and
Latin words; the Arabic subset also has spaces, digits and ASCII punctuation, and is declared after
the Latin one, so the browser takes those from it). Both keep the variable weight axis and `font-display: swap` stays in the CSS.
Writes static/fonts/Vazirmatn-Latin.woff2 and static/fonts/Vazirmatn-Arabic.woff2 (committed).
"""

from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
# Keep in step with the unicode-range lines in static/css/asoud.css.
RANGES = {
    "Latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    # Spaces, digits and ASCII punctuation too: a Persian page without Latin letters needs one file.
    "Arabic": "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,U+200C-200F,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FEFF",
}


def main() -> None:
    for name, unicodes in RANGES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(FONTS / "Vazirmatn-Variable.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
        target = FONTS / f"Vazirmatn-{name}.woff2"
        subset.save_font(font, str(target), options)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
