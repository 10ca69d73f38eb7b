#!/usr/bin/python3
"""Manual pages and bash completion from the programs' own --help, so they cannot drift from it.

Run by the build (resources/desktop/CMakeLists.txt) on the programs just built:

    help_to_man.py --program build/app/diffusion-explorer-cli --commands --version 0.1.0 --date 2026-11-27 \
        --man diffusion-explorer-cli.1 [--completion diffusion-explorer-cli.bash] [--lang zh_CN]

The help text is read as the programs print it: a "Usage:" line, a description, then sections, each a heading
line that ends in a colon followed by entries indented by two spaces ("  TERM  description", continued on
lines indented further) and free paragraphs. With --commands, the first section lists commands, and each
command's own --help becomes a subsection of the page.
"""
import argparse
import functools
import os
import re
import subprocess
import sys


@functools.lru_cache(maxsize=None)  # the manual and the completion read the same --help: run each once
def run_help(program, args, lang):
    args = list(args)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DE_LANG=lang)
    done = subprocess.run([program] + args + ["--help"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        sys.exit("%s %s --help failed (status %d): %s" % (program, " ".join(args), done.returncode,
                                                          done.stderr.decode(errors="replace")))
    return done.stdout.decode("utf-8")


def parse(text):
    """(usage, description lines, sections); a section is {heading, entries [(term, desc)], paragraphs}."""
    lines = text.rstrip("\n").split("\n")
    usage = lines[0]
    i, description = 1, []
    while i < len(lines) and lines[i].strip() and not is_heading(lines, i):
        description.append(lines[i].strip())
        i += 1
    sections = []
    current = None
    for line in lines[i:]:
        if not line.strip():
            continue
        if not line.startswith(" "):
            if is_heading([line], 0):
                current = {"heading": line.strip().rstrip(":："), "entries": [], "paragraphs": []}
                sections.append(current)
            elif current is not None:
                current["paragraphs"].append(line.strip())
            else:
                description.append(line.strip())
        elif re.match(r"^  \S", line):
            if current is None:
                sys.exit("help_to_man.py: cannot read this --help: an entry before any heading: %r" % line)
            split = re.match(r"(.*?\S)\s{2,}(.*)$", line.strip())
            term, desc = (split.group(1), split.group(2)) if split else (line.strip(), "")
            current["entries"].append([term, desc])
        else:  # a continuation of the entry above
            if current is None or not current["entries"]:
                sys.exit("help_to_man.py: cannot read this --help: an indented line before any entry: %r" % line)
            entry = current["entries"][-1]
            entry[1] = (entry[1] + " " + line.strip()).strip()
    return usage, description, sections


def is_heading(lines, i):
    line = lines[i]
    return not line.startswith(" ") and (line.rstrip().endswith(":") or line.rstrip().endswith("："))


def synopsis(usage, name):
    """The usage line without "Usage:" and the program path, which Qt prints as the program was started."""
    rest = usage.split(":", 1)[-1] if ":" in usage else usage
    rest = rest.split("：", 1)[-1] if "：" in rest else rest
    words = rest.split()
    if words and os.path.basename(words[0]) == name:
        words = words[1:]
    return " ".join(words)


CJK = re.compile(r"([\u3000-\u303f\u3400-\u9fff\uff00-\uffef])(?=\S)")


def esc(text):
    text = text.replace("\\", "\\e")
    text = CJK.sub(r"\1\\:", text)  # troff breaks lines only at spaces; \: lets it break between CJK characters
    return re.sub(r"^([.'])", r"\\&\1", text)


def term_roff(term):
    """Options bold, placeholders (<N>) italic, the rest as it is; a plain term (a command, a status, a file)
    bold."""
    if not term.startswith("-") and "<" not in term:
        return "\\fB" + code_roff(term) + "\\fR"
    out = []
    for token in re.split(r"(<[^>]*>|(?<![\w-])--?[\w][\w+-]*)", term):
        if not token:
            continue
        if token.startswith("<") and token.endswith(">"):
            out.append("\\fI" + esc(token[1:-1]).replace("-", "\\-") + "\\fR")
        elif token.startswith("-"):
            out.append("\\fB" + token.replace("-", "\\-") + "\\fR")
        else:
            out.append(esc(token))
    return "".join(out)


def code_roff(line):
    return esc(line).replace("-", "\\-")


def entries_roff(entries):
    out = []
    for term, desc in entries:
        if desc:
            out += [".TP", term_roff(term), esc(desc)]
        else:  # a line to copy, such as an example
            out += [".PP", ".nf", ".RS 4", code_roff(term), ".RE", ".fi"]
    return out


def heading(text):
    return '.SH "%s"' % esc(text.upper() if text.isascii() else text).replace('"', "\\(dq")


# The page's own headings, in the page's language (the rest comes from --help).
HEADINGS = {"zh_CN": {"NAME": "名称", "SYNOPSIS": "概要", "DESCRIPTION": "描述", "See also": "另见",
                      "User Commands": "用户命令"}}


def own(text, lang):
    return HEADINGS.get(lang, {}).get(text, text)


def manual(args):
    top = run_help(args.program, (), args.lang)
    usage, description, sections = parse(top)
    name = args.name
    summary = description[0].rstrip(".。") if description else name
    out = ['.\\" Generated from "%s --help" by scripts/lib/help_to_man.py; do not edit.' % name,
           '.TH "%s" 1 "%s" "%s %s" "%s"' % (name.upper(), args.date, name, args.version,
                                             own("User Commands", args.lang)),
           # Chinese has no spaces to stretch: left-aligned, not justified.
           *([] if args.lang == "en" else [".ds AD l", ".ad l", ".nh"]),
           heading(own("NAME", args.lang)), "%s \\- %s" % (code_roff(name), esc(summary)),
           heading(own("SYNOPSIS", args.lang)), ".B %s" % code_roff(name), term_roff(synopsis(usage, name)),
           heading(own("DESCRIPTION", args.lang))]
    out += [esc(line) for line in description[1:]] or [esc(description[0]) if description else ""]
    commands = []
    for index, section in enumerate(sections):
        out.append(heading(section["heading"]))
        out += entries_roff(section["entries"])
        for paragraph in section["paragraphs"]:
            out += [".PP", esc(paragraph)]
        if args.commands and index == 0:
            commands = [term for term, _ in section["entries"]]
            for command in commands:
                out += command_roff(args, command)
    out += [heading(own("See also", args.lang))]
    out.append(",\n".join("\\fB%s\\fR(1)" % code_roff(other) for other in args.see_also))
    return "\n".join(out) + "\n", commands


def command_roff(args, command):
    usage, description, sections = parse(run_help(args.program, (command,), args.lang))
    out = ['.SS "%s"' % code_roff(command), ".PP", "\\fB%s\\fR %s" % (code_roff(args.name),
                                                                       term_roff(synopsis(usage, args.name)))]
    out += [".PP"] + [esc(line) for line in description]
    for section in sections:
        out += [".PP", "\\fI%s:\\fR" % esc(section["heading"])]
        out += [".RS 4"] + entries_roff(section["entries"]) + [".RE"]
        for paragraph in section["paragraphs"]:
            out += [".PP", esc(paragraph)]
    return out


def options_of(program, command, lang):
    """[(names, placeholder)] of a command's options; the placeholder is '' for a flag."""
    _, _, sections = parse(run_help(program, (command,) if command else (), lang))
    found = []
    for section in sections:
        for term, _ in section["entries"]:
            if not term.startswith("-"):
                continue
            placeholder = re.search(r"<([^>]*)>", term)
            names = re.findall(r"(?<![\w-])--?[\w][\w+-]*", term.split("<")[0])
            found.append((names, placeholder.group(1) if placeholder else ""))
    return found


def completion(args, commands):
    """A bash completion function: commands, each command's options, and values where the help says."""
    fn = "_" + re.sub(r"\W", "_", args.name)
    cases = []
    for command in commands:
        options = options_of(args.program, command, "en")
        words = " ".join(n for names, _ in options for n in names)
        values, quiet = [], []
        for names, placeholder in options:
            if not placeholder:
                continue
            pattern = "|".join(names)
            if "|" in placeholder:
                values.append("%s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return;;"
                              % (pattern, placeholder.replace("|", " ")))
            elif re.search(r"FOLDER|DIR", placeholder):
                values.append("%s) COMPREPLY=($(compgen -d -- \"$cur\")); return;;" % pattern)
            elif re.search(r"FILE|IMAGE|\.", placeholder):
                values.append("%s) _%s_files; return;;" % (pattern, fn.lstrip("_")))
            else:
                quiet.extend(names)  # a number or a name: nothing to offer
        if quiet:
            values.append("%s) return;;" % "|".join(quiet))
        cases.append("""        %s)
            case "$prev" in
                %s
            esac
            if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W '%s' -- "$cur")); else _%s_files; fi;;"""
                     % (command, "\n                ".join(values) or "*) ;;", words, fn.lstrip("_")))
    return """# bash completion for %(name)s; generated from its --help by scripts/lib/help_to_man.py.
_%(short)s_files() {
    # Files, and the bundled models where a checkpoint is asked for. Bash splits "bundled:s" at the colon;
    # bash-completion's helpers (when installed) join it again and trim what the line already holds.
    COMPREPLY=($(compgen -f -- "$cur") $(compgen -W 'bundled:sprites bundled:fashion' -- "$cur"))
    compopt -o filenames 2>/dev/null
    if declare -F __ltrim_colon_completions >/dev/null; then __ltrim_colon_completions "$cur"; fi
}
%(fn)s() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    if declare -F _get_comp_words_by_ref >/dev/null; then _get_comp_words_by_ref -n : cur prev; fi
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W '%(commands)s --help --version' -- "$cur"))
        return
    fi
    case "${COMP_WORDS[1]}" in
%(cases)s
    esac
}
complete -F %(fn)s %(name)s
""" % {"name": args.name, "fn": fn, "short": fn.lstrip("_"), "commands": " ".join(commands),
       "cases": "\n".join(cases)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--program", required=True, help="the built program to run")
    p.add_argument("--name", help="its installed name (default: the file name)")
    p.add_argument("--commands", action="store_true", help="the first section of --help lists commands")
    p.add_argument("--version", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--lang", default="en")
    p.add_argument("--see-also", action="append", default=[])
    p.add_argument("--man", required=True, help="the manual page to write")
    p.add_argument("--completion", help="the bash completion script to write (needs --commands)")
    args = p.parse_args()
    args.name = args.name or os.path.basename(args.program)
    page, commands = manual(args)
    write(args.man, page)
    if args.completion:
        write(args.completion, completion(args, commands))


def write(path, text):
    temporary = path + ".part"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
