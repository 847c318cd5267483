"""Write small real PDFs (Helvetica text lines, one or more pages) for reader tests,
and scanned ones: invented minutes drawn into an image with Pillow."""

from __future__ import annotations

import io


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def lines_stream(lines: list[str]) -> str:
    """A page's content: ``lines`` one under the other from the top."""
    shown = "".join(f"({escape(line)}) '\n" for line in lines)
    return f"BT /F1 11 Tf 50 780 Td 14 TL\n{shown}ET"


def minimal_pdf(lines: list[str]) -> bytes:
    return pdf_from_streams([lines_stream(lines)])


def pages_pdf(pages: list[list[str]]) -> bytes:
    return pdf_from_streams([lines_stream(lines) for lines in pages])


def pdf_from_streams(streams: list[str]) -> bytes:
    """One page per content stream, A4, font F1 = Helvetica."""
    count = len(streams)
    # Objects: 1 catalog, 2 pages, 3 font, then a page and its stream each.
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(count))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, stream in enumerate(streams):
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Contents {5 + 2 * n} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(
            f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream"
        )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def scanned_pdf(pages: list[list[str]], dpi: int = 200) -> bytes:
    """An image-only PDF, as a scanner makes: each page's lines drawn in
    black on a white A4 image, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=dpi // 6)
    images = []
    for lines in pages:
        image = Image.new("L", (dpi * 827 // 100, dpi * 1169 // 100), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((dpi, dpi + row * dpi // 3), line, fill=0, font=font)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()
