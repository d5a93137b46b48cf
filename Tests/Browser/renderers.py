"""The Markdown renderers internal wikis run, each as a function from Markdown text to HTML.

Every renderer is the packaged one (Debian 12 or PyPI, installed by scripts/setup --test), configured the way
the wiki engine named next to it configures it, with raw HTML allowed wherever the engine can allow it: the
index must be inert even then. A renderer whose program is missing is skipped with the reason on a developer's
machine and fails when CI is set (helpers.require_tool).
"""

import pathlib
import subprocess
import tempfile

from helpers import require_tool

NODE_PATH = "/usr/share/nodejs"


def _run(command, markdown, **kwargs):
    result = subprocess.run(command, input=markdown, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr}")
    return result.stdout


def cmark_gfm(unsafe):
    extensions = ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist"]
    if not unsafe:
        extensions += ["-e", "tagfilter"]
    return lambda markdown: _run(["cmark-gfm", *extensions, *(["--unsafe"] if unsafe else [])], markdown)


def _node(script):
    return lambda markdown: _run(["node", "-e", script], markdown, env={"NODE_PATH": NODE_PATH})


_STDIN = "const input = require('fs').readFileSync(0, 'utf8');"
# markdown-it as it comes, and as wiki engines (Wiki.js, HedgeDoc, Outline) configure it: HTML and linkify on.
markdown_it_default = _node(_STDIN + "process.stdout.write(require('markdown-it')().render(input));")
markdown_it_html_linkify = _node(
    _STDIN + "process.stdout.write(require('markdown-it')({html: true, linkify: true, typographer: true})"
    ".render(input));")
# marked's defaults are GitHub Flavored (gfm: true), raw HTML passes.
marked = _node(_STDIN + "process.stdout.write(require('marked').marked.parse(input));")


def markdown_it_py(markdown):
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": True}).enable(
        ["table", "strikethrough", "linkify", "replacements", "smartquotes"]).render(markdown)


def python_markdown_tables(markdown):
    import markdown as python_markdown

    return python_markdown.markdown(markdown, extensions=["tables"])


MKDOCS_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "footnotes", "abbr", "def_list",
                     "pymdownx.magiclink", "pymdownx.tilde", "pymdownx.emoji"]


def python_markdown_mkdocs(markdown):
    import markdown as python_markdown

    return python_markdown.markdown(markdown, extensions=MKDOCS_EXTENSIONS)


def mistune_renderer(markdown):
    import mistune

    return mistune.create_markdown(
        escape=False, plugins=["strikethrough", "footnotes", "table", "url", "task_lists", "def_list", "abbr",
                               "mark", "insert", "superscript", "subscript", "math"])(markdown)


def marko_gfm(markdown):
    import marko
    from marko.ext.gfm import gfm

    return gfm.convert(markdown)


def pandoc(reader):
    return lambda markdown: _run(["pandoc", "-f", reader, "-t", "html", "--wrap=none"], markdown)


_RUBY_STDIN = "input = STDIN.read;"
kramdown = lambda markdown: _run(  # noqa: E731
    ["ruby", "-rkramdown", "-e", _RUBY_STDIN + "print Kramdown::Document.new(input).to_html"], markdown)
redcarpet = lambda markdown: _run(  # noqa: E731
    ["ruby", "-rredcarpet", "-e",
     _RUBY_STDIN + "print Redcarpet::Markdown.new(Redcarpet::Render::HTML, tables: true, autolink: true, "
     "strikethrough: true, superscript: true, underline: true, highlight: true, quote: true, footnotes: true, "
     "fenced_code_blocks: true).render(input)"], markdown)

_PHP_STDIN = "$input = stream_get_contents(STDIN);"
league_commonmark = lambda markdown: _run(  # noqa: E731
    ["php", "-r",
     "require '/usr/share/php/League/CommonMark/autoload.php';" + _PHP_STDIN
     + "echo (new League\\CommonMark\\GithubFlavoredMarkdownConverter(['html_input' => 'allow']))"
     "->convert($input);"], markdown)
parsedown = lambda markdown: _run(  # noqa: E731
    ["php", "-r", "require '/usr/share/php/Parsedown/Parsedown.php';" + _PHP_STDIN
     + "echo (new Parsedown())->text($input);"], markdown)


def hugo(attributes):
    """goldmark as Hugo runs it: Hugo's defaults (GFM extensions, linkify, typographer; attributes on headings),
    with raw HTML allowed, and with block attributes on as well."""
    config = ["[markup.goldmark.renderer]", "unsafe = true"]
    if attributes:
        config += ["[markup.goldmark.parser.attribute]", "block = true", "title = true"]

    def render(markdown):
        with tempfile.TemporaryDirectory() as directory:
            site = pathlib.Path(directory)
            (site / "hugo.toml").write_text(
                'disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                + "\n".join(config) + "\n")
            (site / "layouts" / "_default").mkdir(parents=True)
            (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
            (site / "content").mkdir()
            (site / "content" / "index-page.md").write_text(markdown, encoding="utf-8")
            _run(["hugo", "--quiet", "-s", str(site)], "")
            return (site / "public" / "index-page" / "index.html").read_text(encoding="utf-8")

    return render


RENDERERS = {
    "cmark-gfm": cmark_gfm(unsafe=False),
    "cmark-gfm --unsafe": cmark_gfm(unsafe=True),
    "goldmark (Hugo)": hugo(attributes=False),
    "goldmark (Hugo, block attributes)": hugo(attributes=True),
    "markdown-it": markdown_it_default,
    "markdown-it (html, linkify)": markdown_it_html_linkify,
    "markdown-it-py (html, linkify)": markdown_it_py,
    "marked": marked,
    "Python-Markdown (tables)": python_markdown_tables,
    "Python-Markdown (MkDocs set)": python_markdown_mkdocs,
    "mistune": mistune_renderer,
    "marko (GFM)": marko_gfm,
    "pandoc gfm": pandoc("gfm"),
    "pandoc markdown": pandoc("markdown"),
    "pandoc commonmark_x": pandoc("commonmark_x"),
    "kramdown": kramdown,
    "redcarpet": redcarpet,
    "league/commonmark": league_commonmark,
    "Parsedown": parsedown,
}

# The program each renderer runs; the Python renderers are modules, imported above.
TOOLS = {
    "cmark-gfm": "cmark-gfm", "cmark-gfm --unsafe": "cmark-gfm",
    "goldmark (Hugo)": "hugo", "goldmark (Hugo, block attributes)": "hugo",
    "markdown-it": "node", "markdown-it (html, linkify)": "node", "marked": "node",
    "pandoc gfm": "pandoc", "pandoc markdown": "pandoc", "pandoc commonmark_x": "pandoc",
    "kramdown": "ruby", "redcarpet": "ruby", "league/commonmark": "php", "Parsedown": "php",
}


# The renderers that are Python modules (PyPI), which need no program.
PYTHON_RENDERERS = {"markdown-it-py (html, linkify)", "Python-Markdown (tables)", "Python-Markdown (MkDocs set)",
                    "mistune", "marko (GFM)"}


def require(name):
    """Stops a test of the renderer `name` whose program is missing, as helpers.require_tool does."""
    if name in TOOLS:
        require_tool(TOOLS[name])
