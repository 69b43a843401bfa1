"""The `guide` command: a thin typer shell. Flags -> options -> stage functions -> exit code.

Exit codes: 0 success, 1 problems in the user's files, 2 bad usage. Problems print as
`path:line: message` with a hint; tracebacks only with --debug. Heavy modules are
imported inside the commands so that `guide --help` stays fast.

Unlike the rest of the package, this module does not postpone its annotations (no
`from __future__ import annotations`): typer reads every command's annotations on every
run, and postponed ones are strings it compiles and evaluates again each time (some
8 ms before any command starts).
"""

import gc
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from guide_builder import KEPT_CODE
from guide_builder.signals import INTERRUPTED, interrupt_requested

app = typer.Typer(
    name="guide",
    help="Turn weekly teachings, scripture and discussion questions into print-ready PDF workbooks.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class EditionChoice(StrEnum):
    """Which edition to build."""

    participant = "participant"
    leader = "leader"


class Settings:
    """Global flags."""

    quiet = False
    verbose = False
    debug = False


@app.callback()
def main_options(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print timings and warnings in full.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback when something fails.")] = False,
) -> None:
    """Turn weekly teachings, scripture and discussion questions into print-ready PDF workbooks."""
    Settings.quiet, Settings.verbose, Settings.debug = quiet, verbose, debug


QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Print timings and warnings in full.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback when something fails.")]


def _command_flags(quiet: bool, verbose: bool, debug: bool) -> None:
    """Flags given after the command name (`guide build --quiet`) count like global ones."""
    Settings.quiet = Settings.quiet or quiet
    Settings.verbose = Settings.verbose or verbose
    Settings.debug = Settings.debug or debug


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _load_console() -> None:
    """Import the console (some 20 ms) before it is needed: a build does it while weeks are
    parsed in another process, instead of after writing the PDF."""
    import rich.console
    import rich.markup  # noqa: F401


def _stdout():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def report_diagnostics(diagnostics: list, root: Path | None) -> None:
    """Print each problem as `path:line: message` with its hint under it (warnings not
    with --quiet)."""
    shown = [d for d in diagnostics if not (d.severity == "warning" and Settings.quiet)]
    if not shown:
        return  # nothing to print: the console (rich, some 20 ms to import) is not needed
    from rich.markup import escape

    console = _stderr()
    for diagnostic in shown:
        style = "yellow" if diagnostic.severity == "warning" else "red"
        console.print(f"[{style}]{escape(diagnostic.format(root))}[/{style}]")
        if diagnostic.hint:
            console.print(f"  hint: {escape(diagnostic.hint)}")


def fail(diagnostics: list, root: Path | None, what: str) -> NoReturn:
    """Report problems in the user's files and exit 1."""
    report_diagnostics(diagnostics, root)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    noun = "problem" if errors == 1 else "problems"
    _stderr().print(f"[bold red]Error:[/bold red] {errors} {noun} found; {what}")
    raise typer.Exit(1)


def usage_error(message: str) -> NoReturn:
    """Bad usage: exit 2."""
    _stderr().print(f"[bold red]Error:[/bold red] {message}")
    raise typer.Exit(2)


def _parse_weeks(week: int | None, weeks: str | None) -> tuple[int, int] | None:
    if week is not None and weeks is not None:
        usage_error("use either --week or --weeks, not both")
    if week is not None:
        if week < 1:
            usage_error("--week takes a week number from 1")
        return week, week
    if weeks is not None:
        match = re.fullmatch(r"\s*(\d+)\s*[-\u2013]\s*(\d+)\s*", weeks)
        if not match or int(match.group(1)) > int(match.group(2)) or int(match.group(1)) < 1:
            usage_error(f"--weeks takes a range like 2-4, not {weeks!r}")
        return int(match.group(1)), int(match.group(2))
    return None


@app.command()
def build(
    directory: Annotated[Path, typer.Argument(help="The study folder (default: here).")] = Path("."),
    week: Annotated[int | None, typer.Option("--week", help="Build only this week (a handout).")] = None,
    weeks: Annotated[str | None, typer.Option("--weeks", help="Build only these weeks, e.g. 2-4.")] = None,
    edition: Annotated[
        EditionChoice, typer.Option(help="participant or leader.")
    ] = EditionChoice.participant,
    out: Annotated[Path | None, typer.Option("--out", help="Write the PDF here instead.")] = None,
    watch: Annotated[bool, typer.Option("--watch", help="Rebuild whenever the study changes.")] = False,
    booklet: Annotated[bool, typer.Option("--booklet", help="Also write a saddle-stitch booklet.")] = False,
    fillable: Annotated[
        bool, typer.Option("--fillable", help="Answer lines and blanks become fillable form fields.")
    ] = False,
    split: Annotated[bool, typer.Option("--split", help="Also write one PDF per week.")] = False,
    print_shop: Annotated[
        bool, typer.Option("--print-shop", help="Also write <name>-print.pdf with bleed and crop marks.")
    ] = False,
    bleed: Annotated[
        str | None,
        typer.Option("--bleed", help="Bleed for --print-shop (default: the layout's, else 0.125in)."),
    ] = None,
    copies: Annotated[
        int | None, typer.Option("--copies", help="Print a plan: paper and printer settings for N copies.")
    ] = None,
    signature: Annotated[
        int | None, typer.Option("--signature", help="Booklet signatures of N pages (a multiple of 4).")
    ] = None,
    creep: Annotated[
        float, typer.Option("--creep", help="Booklet creep compensation at the innermost sheet, in points.")
    ] = 0.0,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Build the workbook PDF into DIR/output/."""
    _command_flags(quiet, verbose, debug)
    from guide_builder.build import BuildOptions, build_guide
    from guide_builder.errors import GuideError
    from guide_builder.model import Edition

    selection = _parse_weeks(week, weeks)
    if signature is not None and (signature < 4 or signature % 4):
        usage_error(f"--signature takes a multiple of 4 (such as 16), not {signature}")
    bleed_points = _bleed_points(bleed) if bleed is not None else None
    if copies is not None and copies < 1:
        usage_error("--copies takes a number of copies from 1")
    if booklet and fillable:
        usage_error("--booklet and --fillable cannot be combined: imposing pages drops form fields; "
                    "build them one after the other")
    if (signature is not None or creep) and not booklet:
        usage_error("--signature and --creep go with --booklet")
    if not 0 <= creep <= 36:
        usage_error("--creep takes points from 0 to 36 (a thick booklet needs about 2-6)")
    options = BuildOptions(root=directory, weeks=selection, edition=Edition(edition.value),
                           out=out.resolve() if out else None, booklet=booklet, split=split,
                           signature=signature, creep=creep, fillable=fillable,
                           print_shop=print_shop, bleed=bleed_points, copies=copies)
    if watch:
        _watch(options, directory)
        return
    try:
        with _progress() as step:
            report = build_guide(options, step, meanwhile=None if Settings.quiet else _load_console)
    except KeyboardInterrupt:
        _build_interrupted()
    except GuideError as error:
        if interrupt_requested():  # reportlab turned the interruption into this error
            _build_interrupted()
        fail(error.diagnostics, directory, "nothing was written (previous output left as it was)")
    except Exception as error:
        if interrupt_requested():  # reportlab's bare `except:` turned the Ctrl-C into this error
            _build_interrupted()
        _internal_error(error)
    report_diagnostics(report.warnings, directory)
    if not Settings.quiet:
        main, *others = report.outputs
        _stdout().print(f"Wrote {_relative(main)} ({report.pages} pages, {report.weeks} "
                        f"week{'s' if report.weeks != 1 else ''}) in {report.seconds:.2f} s")
        if Settings.verbose:
            for path in others:
                _stdout().print(f"Wrote {_relative(path)}")
        for note in report.notes:
            _stdout().print(f"  {note}")


def _watch(options, directory: Path) -> None:
    """Rebuild on every change; errors are shown and the last good PDF is kept."""
    from guide_builder.watch import watch_study

    if not (directory / "guide.toml").is_file():
        fail([_no_study(directory)], directory, "nothing to watch")

    def built(report, changed: list[str]) -> None:
        report_diagnostics(report.warnings, directory)
        cause = f" after changes to {', '.join(changed)}" if changed else ""
        for path in report.outputs:
            shown = _relative(path)
            _stdout().print(f"Wrote {shown} ({report.pages} pages) in {report.seconds:.2f} s{cause}")

    def failed(diagnostics: list) -> None:
        report_diagnostics(diagnostics, directory)
        _stderr().print("[bold red]Error:[/bold red] the last good PDF was kept; "
                        "fix the problem and save again")

    _stdout().print(f"Watching {directory} for changes (Ctrl-C to stop)")
    watch_study(options, built, failed)
    _stdout().print("Stopped watching.")


def _no_study(directory: Path):
    from guide_builder.errors import Diagnostic

    return Diagnostic(directory / "guide.toml", None, "this folder is not a study: it has no guide.toml",
                      f"run `guide new {directory.name}` to create one")


def _bleed_points(text: str) -> float:
    from guide_builder.units import UnitError, parse_length

    try:
        points = parse_length(text)
    except UnitError as error:
        usage_error(f"--bleed: {error}")
    if points > 36:
        usage_error("--bleed is at most 0.5in (print shops ask for 0.125in or 3mm)")
    return points


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _build_interrupted() -> NoReturn:
    _stderr().print("[bold red]Error:[/bold red] the build was interrupted; "
                    "no file was left half-written (each output is its previous or its new version)")
    raise typer.Exit(INTERRUPTED)


def _internal_error(error: Exception) -> NoReturn:
    """Report an error that is a bug of ours (or an interruption something turned into one)."""
    if interrupt_requested():  # reportlab's bare `except:` turned a Ctrl-C into this error
        _stderr().print("[bold red]Error:[/bold red] interrupted")
        raise typer.Exit(INTERRUPTED)
    if Settings.debug:
        raise error
    _stderr().print(f"[bold red]Error:[/bold red] internal error: {type(error).__name__}: {error}")
    _stderr().print("  hint: this is a bug in guide-builder; run again with --debug and report it")
    raise typer.Exit(1)


class _progress:
    """A transient progress display on a terminal; silent otherwise."""

    def __enter__(self):
        self._progress = None
        if Settings.quiet or not sys.stderr.isatty():
            return lambda _label: None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                  transient=True, console=_stderr())
        self._progress.start()
        task = self._progress.add_task("Building", total=None)
        return lambda label: self._progress.update(task, description=label)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command()
def check(
    directory: Annotated[Path, typer.Argument(help="The study folder (default: here).")] = Path("."),
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Validate the study without writing a PDF; list every problem as file:line."""
    _command_flags(quiet, verbose, debug)
    from guide_builder.build import prepare_guide
    from guide_builder.errors import GuideError

    try:
        prepared = prepare_guide(directory)
    except GuideError as error:
        fail(error.diagnostics, directory, "fix them and run `guide check` again")
    except Exception as error:
        _internal_error(error)
    report_diagnostics(prepared.diagnostics, directory)
    if not Settings.quiet:
        weeks = len(prepared.guide.weeks)
        warnings = len(prepared.diagnostics)
        _stdout().print(f"OK: {weeks} week{'s' if weeks != 1 else ''}, "
                        f"{warnings} warning{'s' if warnings != 1 else ''}")


@app.command()
def new(
    directory: Annotated[Path, typer.Argument(help="Folder to create the study in.")],
) -> None:
    """Create a new study: guide.toml, two sample weeks and an example layout."""
    from guide_builder.scaffold import ScaffoldError, create_study

    try:
        created = create_study(directory)
    except ScaffoldError as error:
        _stderr().print(f"[bold red]Error:[/bold red] {error}")
        raise typer.Exit(1) from None
    if not Settings.quiet:
        _stdout().print(f"Created a study in {directory} ({len(created)} files).")
        _stdout().print(f"Next: cd {directory} && guide build")


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The article: .txt, .md, .html or .docx.")],
    week: Annotated[int, typer.Option("--week", help="The week number to give it.")],
    title: Annotated[str | None, typer.Option("--title", help="Title to use instead.")] = None,
    layout: Annotated[str | None, typer.Option("--layout", help="Set the week's layout.")] = None,
    into: Annotated[Path, typer.Option("--into", help="The study folder (default: here).")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing week file.")] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Turn an article into a week file in content/: sections, passages and questions recognised."""
    _command_flags(quiet, verbose, debug)
    from rich.markup import escape

    from guide_builder.errors import GuideError
    from guide_builder.importer import ImportProblem, import_article
    from guide_builder.output import write_atomic

    if week < 1:
        usage_error("--week takes a week number from 1")
    try:
        result = import_article(file, week, title=title, layout=layout)
    except ImportProblem as problem:
        _stderr().print(f"[red]{escape(str(file))}: {escape(problem.message)}[/red]")
        if problem.hint:
            _stderr().print(f"  hint: {escape(problem.hint)}")
        _stderr().print("[bold red]Error:[/bold red] nothing was written")
        raise typer.Exit(1) from None
    except Exception as error:
        _internal_error(error)
    target = into / "content" / result.suggested_name
    existing = sorted((into / "content").glob(f"week-{week:02d}-*.md")) if (into / "content").is_dir() else []
    if target.exists() and not force:
        _stderr().print(f"[bold red]Error:[/bold red] {escape(str(target))} already exists; "
                        "nothing was written")
        _stderr().print("  hint: pass --force to replace it, or choose another --week or --title")
        raise typer.Exit(1)
    try:
        write_atomic(target, result.markdown.encode("utf-8"))
    except GuideError as error:
        fail(error.diagnostics, None, "nothing was written")
    if not Settings.quiet:
        console = _stdout()
        for line in result.summary:
            console.print(escape(line))
        console.print(f"Wrote {escape(str(target))}")
        others = [p for p in existing if p != target]
        if others:
            console.print(f"[yellow]note: week {week} also has {escape(', '.join(p.name for p in others))}; "
                          "`guide check` reports duplicate weeks[/yellow]")
        console.print("Next: check the summary above, then run `guide check`")


layouts_app = typer.Typer(help="List the layouts, or show one fully resolved.", no_args_is_help=False)
app.add_typer(layouts_app, name="layouts")
StudyOption = Annotated[Path, typer.Option("--study", help="The study folder (default: here).")]


def _resolver(directory: Path):
    from guide_builder.errors import Collector
    from guide_builder.layout import LayoutResolver
    from guide_builder.load import load_layouts

    problems = Collector()
    sources = load_layouts(directory, problems)
    return LayoutResolver(sources, directory, problems), problems


@layouts_app.callback(invoke_without_command=True)
def layouts(ctx: typer.Context, study: StudyOption = Path(".")) -> None:
    """List the layouts (built-in and the study's) with their descriptions."""
    if ctx.invoked_subcommand is not None:
        return
    resolver, problems = _resolver(study)
    console = _stdout()
    for name in resolver.names():
        layout_file = resolver.files[name]
        where = "built-in" if layout_file.builtin else _relative(layout_file.source.path)
        if name in resolver.overridden:
            where += " (overrides the built-in)"
        merged = resolver.merged_data(name)
        description = merged[0].get("description", "") if merged else ""
        console.print(f"{name:<14} {description}  [dim]{where}[/dim]")
    if problems.items:
        report_diagnostics(problems.items, study)
        if problems.errors:
            raise typer.Exit(1)


@layouts_app.command("show")
def layouts_show(
    name: Annotated[str, typer.Argument(help="The layout to show.")],
    study: StudyOption = Path("."),
) -> None:
    """Print a layout fully resolved (after `extends`) as TOML, to copy and adapt."""
    from guide_builder.layout import layout_as_toml

    resolver, problems = _resolver(study)
    layout = resolver.resolve(name)
    if layout is None or problems.errors:
        fail(problems.items, study, "fix the layout files and try again")
    typer.echo(layout_as_toml(layout), nl=False)


@app.command()
def refs(
    text: Annotated[str, typer.Argument(help="Text to search, or - to read standard input.")],
    osis: Annotated[bool, typer.Option("--osis", help="Print OSIS ids (John.3.16).")] = False,
    context: Annotated[
        str | None, typer.Option("--context", help="Reference that verse-only mentions (v. 20) refer to.")
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Batch mode: JSON lines in and out.")] = False,
) -> None:
    """Print the scripture references found in TEXT, one per line (invalid ones on stderr)."""
    from guide_builder.scripture import ScriptureError
    from guide_builder.scripture_commands import references_in, references_jsonl

    source = sys.stdin.read() if text == "-" else text
    if jsonl:
        for line in references_jsonl(source.splitlines()):
            typer.echo(line)
        return
    try:
        output = references_in(source, context, osis)
    except ScriptureError as error:
        usage_error(f"--context: {error.message}")
    for line in output.found:
        typer.echo(line)
    for line in output.invalid:
        typer.echo(line, err=True)


@app.command()
def verse(
    reference: Annotated[str, typer.Argument(help="A reference such as 'John 3:16-18' or 'Ps 23'.")],
    translation: Annotated[str, typer.Option("--translation", "-t", help="WEB, KJV or ASV.")] = "WEB",
) -> None:
    """Print a passage's text from an offline translation."""
    from guide_builder.scripture import ScriptureError
    from guide_builder.scripture_commands import passage_lines

    try:
        lines = passage_lines(reference, translation)
    except ScriptureError as error:
        _stderr().print(f"[bold red]Error:[/bold red] {error.message}")
        if error.hint:
            _stderr().print(f"  hint: {error.hint}")
        raise typer.Exit(1) from None
    for line in lines:
        typer.echo(line)


def main() -> None:
    """Console-script entry point: every interruption exits 130 without a traceback.

    When the command is done the process ends at once (`os._exit`, after flushing the
    output): Python's own shutdown would free every object of a long build one by one,
    about 0.1 s after a 52-week book, with nothing left to write or clean up by then (the
    files are written, forked workers joined). The cycle collector is off throughout.
    """
    from guide_builder.signals import hold_signals_until_exit, install_interrupt_handlers

    install_interrupt_handlers()
    # The cycle collector stays off in this process: a build pauses it anyway (build.py),
    # and turned on again at its end it would at once scan every object the build made
    # (0.03 s after 52 weeks, 0.4 s after 520), just before os._exit frees them all.
    # `--watch` collects after each build itself.
    gc.disable()
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_status(done.code)
    except KeyboardInterrupt:
        _stderr().print("[bold red]Error:[/bold red] interrupted")
        code = INTERRUPTED
    finally:
        hold_signals_until_exit()
    KEPT_CODE.save()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` would end with (a message is printed and means 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    main()
