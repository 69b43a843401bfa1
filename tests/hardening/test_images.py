"""Images: only local files inside the study are read; bad ones are located, big ones scaled."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import GUIDE_TOML
from tests.hardening.helpers import GOOD, PDF, WEEK_FILE, assert_refused, assert_renders, study_with_pdf


def png(width: int, height: int) -> bytes:
    """A 1-bit PNG (small on disk even when it has very many pixels)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def with_image(tmp_path: Path, target: str, files: dict[str, bytes] | None = None) -> Path:
    """A built study whose week now shows ![pic](target) on line 10; `files` are put in content/."""
    study = study_with_pdf(tmp_path / "s")
    for name, data in (files or {}).items():
        (study / "content" / name).write_bytes(data)
    (study / WEEK_FILE).write_text(GOOD.replace("Abide in the vine.", f"![pic]({target})\n\nText."), "utf-8")
    return study


@pytest.mark.parametrize(("target", "message"), [
    ("missing.png", "image 'missing.png' does not exist"),
    ("../../etc/passwd", "image '../../etc/passwd' is outside the study folder"),
    ("/etc/passwd", "image '/etc/passwd' is outside the study folder"),
])
def test_images_that_are_not_in_the_study_are_refused(tmp_path: Path, target: str, message: str) -> None:
    study = with_image(tmp_path, target)
    assert_refused(study, f"{WEEK_FILE}:10", message)


@pytest.mark.parametrize("target", ["https://example.org/x.png", "file:///etc/passwd",
                                    "data:image/png;base64,iVBORw0KGgo="])
def test_remote_images_are_left_out_with_a_warning(tmp_path: Path, target: str) -> None:
    study = with_image(tmp_path, target)
    text, result = assert_renders(study)
    assert f"{WEEK_FILE}:10: warning: image {target!r} is not a local file; it is left out" in result.stderr
    assert "Text." in text


@pytest.mark.parametrize(("data", "name"), [
    (b"not an image", "bad.png"), (b"", "empty.png"), (b"\x89PNG\r\n\x1a\nxxxx", "header-only.png"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "vector.svg"), (b"\xff\xd8\xffjunk", "broken.jpg"),
])
def test_corrupt_images_are_located(tmp_path: Path, data: bytes, name: str) -> None:
    study = with_image(tmp_path, name, {name: data})
    assert_refused(study, f"{WEEK_FILE}:10", f"image {name!r} cannot be read: it is not a valid image file",
                   check=False)


def test_decompression_bomb_is_refused_by_pixel_count(tmp_path: Path) -> None:
    study = with_image(tmp_path, "bomb.png", {"bomb.png": png(20000, 20000)})
    assert_refused(study, f"{WEEK_FILE}:10", "image 'bomb.png' has too many pixels to print", check=False)


def test_image_just_over_pillows_warning_limit_is_refused_not_warned(tmp_path: Path) -> None:
    """Between Pillow's warning and error limits it only warns: we refuse it all the same."""
    study = with_image(tmp_path, "big.png", {"big.png": png(10000, 9500)})
    assert_refused(study, f"{WEEK_FILE}:10", "image 'big.png' has too many pixels to print", check=False)


@pytest.mark.parametrize(("width", "height"), [(10, 8000), (9000, 10), (1, 1), (3000, 3000)])
def test_images_of_any_shape_are_scaled_to_fit(tmp_path: Path, width: int, height: int) -> None:
    study = with_image(tmp_path, "pic.png", {"pic.png": png(width, height)})
    assert_renders(study)
    page_width = float(PdfReader(study / PDF).pages[0].mediabox.width)
    assert page_width == 612


def test_image_named_like_a_folder_is_located(tmp_path: Path) -> None:
    study = with_image(tmp_path, "folder.png")
    (study / "content" / "folder.png").mkdir()
    assert_refused(study, f"{WEEK_FILE}:10", "image 'folder.png' does not exist")


def test_image_linked_from_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png(10, 10))
    study = with_image(tmp_path, "link.png")
    (study / "content" / "link.png").symlink_to(outside)
    assert_refused(study, f"{WEEK_FILE}:10", "image 'link.png' is outside the study folder")


@pytest.mark.parametrize(("image", "message"), [
    ("nope.jpg", "cover image 'nope.jpg' does not exist"),
    ("/etc/passwd", "cover image '/etc/passwd' is outside the study folder"),
    ("../../../etc/passwd", "cover image '../../../etc/passwd' is outside the study folder"),
])
def test_cover_image_outside_or_missing_is_refused_without_opening_it(tmp_path: Path, image: str,
                                                                      message: str) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "guide.toml").write_text(GUIDE_TOML + f'[cover]\nimage = "{image}"\n', "utf-8")
    assert_refused(study, "guide.toml:7", message)


def test_remote_cover_image_is_not_fetched(tmp_path: Path) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / "guide.toml").write_text(GUIDE_TOML + '[cover]\nimage = "https://example.org/a.jpg"\n', "utf-8")
    _, result = assert_renders(study)
    expected = "guide.toml:7: warning: cover image 'https://example.org/a.jpg' is not a local file"
    assert expected in result.stderr


@pytest.mark.parametrize(("data", "name"), [(b"\xff\xd8\xffjunk", "c.jpg"), (png(20000, 20000), "bomb.png")])
def test_unreadable_cover_image_is_a_warning(tmp_path: Path, data: bytes, name: str) -> None:
    study = study_with_pdf(tmp_path / "s")
    (study / name).write_bytes(data)
    (study / "guide.toml").write_text(GUIDE_TOML + f'[cover]\nimage = "{name}"\n', "utf-8")
    _, result = assert_renders(study)
    assert f"warning: the cover image {name!r} cannot be read: it is not a valid image file" in result.stderr
