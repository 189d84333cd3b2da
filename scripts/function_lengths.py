#!/usr/bin/env python3
"""Lines of each function definition (signature line to closing brace) in C++ files.

Comments and string/char literals are blanked first (digit separators are not literals); a '{' opens a function body when the
text before it (since the previous ';', '{' or '}') ends in ')' possibly followed by
qualifiers (const, override, noexcept, -> type, : initializers), and the brace is at
namespace or class level. Lambdas and nested blocks count toward their enclosing function.
Usage: scripts/function_lengths.py FILE... | sort -n | tail
"""
import re, sys

def number_before(text, i):
    """Whether text[i] follows a number's digits (the word it ends starts with a digit)."""
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'"):
        start -= 1
    return start < i and text[start].isdigit()

def blank(text):
    out = []; i = 0; n = len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == '_')):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i)
            j = end + len(m.group(1)) + 2
            out.append('""' + re.sub(r'[^\n]', ' ', text[i+2:j])); i = j
        elif c == "'" and number_before(text, i):
            out.append(c); i += 1  # a digit separator, 3'652'500, opens no literal
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + ' ' * (j - i - 1) + c); i = j + 1
        else:
            out.append(c); i += 1
    return ''.join(out)

HEAD = re.compile(r'\)\s*(const\s*)?(noexcept\s*)?(override\s*)?(final\s*)?(->\s*[\w:<>,\s*&]+)?$|\)\s*:\s*[\s\S]*\)\s*$')

def functions(path):
    text = blank(open(path, encoding='utf-8').read())
    stack = []  # (kind, start offset, name)
    last = 0    # offset after the previous ; { or }
    for i, c in enumerate(text):
        if c == '{':
            head = text[last:i].strip()
            in_function = any(k == 'f' for k, _, _ in stack)
            if not in_function and HEAD.search(head) and not re.match(r'(namespace|class|struct|enum|union)\b', head):
                name = re.findall(r'([~\w:]+(?:operator\S*)?)\s*\(', head)
                stack.append(('f', last + (len(text[last:i]) - len(text[last:i].lstrip())), name[0] if name else '?'))
            else:
                stack.append(('b', i, ''))
            last = i + 1
        elif c == '}':
            if stack:
                kind, start, name = stack.pop()
                if kind == 'f':
                    first = text.count('\n', 0, start) + 1
                    end = text.count('\n', 0, i) + 1
                    yield end - first + 1, name, first
            last = i + 1
        elif c == ';':
            last = i + 1

for path in sys.argv[1:]:
    for lines, name, first in functions(path):
        print(f'{lines}\t{path}:{first}\t{name}')
