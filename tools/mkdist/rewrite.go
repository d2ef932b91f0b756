package main

import (
	"bytes"
	"path"
	"strings"
)

// rewriteHTML replaces, inside the attribute values of page's tags, every
// reference to a key of names by its value, and counts the replacements
// per key. A reference is a whole URL token of the value (values are split
// at white space and commas, as in srcset), optionally starting with "./"
// or "/" and ending with a ?query or #fragment. Text, comments and the
// contents of <script> and <style> are left alone, so is everything that
// merely contains a name ("xmain.js", "lib/main.js").
func rewriteHTML(page []byte, names map[string]string) ([]byte, map[string]int) {
	return rewriteHTMLIn(page, "", names)
}

// rewriteHTMLIn is rewriteHTML for a page in folder dir of the output
// ("" for the top, "lesson" for lesson/index.html): a reference without a
// leading "/" is resolved against dir ("lesson.css" names
// "lesson/lesson.css", "../favicon.svg" names "favicon.svg") and keeps its
// form, only its last element replaced ("../favicon.<hash>.svg"); one with
// a leading "/" names a file from the top. Counts are by the full name.
func rewriteHTMLIn(page []byte, dir string, names map[string]string) ([]byte, map[string]int) {
	counts := map[string]int{}
	var out bytes.Buffer
	last := 0 // page[last:] is not yet copied to out
	replace := func(start, end int) {
		v, changed := rewriteValue(string(page[start:end]), dir, names, counts)
		if changed {
			out.Write(page[last:start])
			out.WriteString(v)
			last = end
		}
	}
	for i := 0; i < len(page); {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := page[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(page, i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")), bytes.HasPrefix(rest, []byte("</")):
			i = skipPast(page, i+2, ">")
		case len(rest) > 1 && isLetter(rest[1]):
			var tag string
			var selfClosing bool
			tag, selfClosing, i = scanTag(page, i+1, replace)
			if (tag == "script" || tag == "style") && !selfClosing {
				i = skipRawText(page, i, "</"+tag)
			}
		default:
			i++ // a lone '<' in text
		}
	}
	out.Write(page[last:])
	return out.Bytes(), counts
}

// scanTag reads a start tag from its name at page[i] to just past its '>',
// calling replace(start, end) on the span of each attribute value. It
// returns the lower-case tag name and whether the tag ends with "/>".
func scanTag(page []byte, i int, replace func(start, end int)) (tag string, selfClosing bool, next int) {
	start := i
	for i < len(page) && !isSpace(page[i]) && page[i] != '>' && page[i] != '/' {
		i++
	}
	tag = strings.ToLower(string(page[start:i]))
	for i < len(page) {
		switch c := page[i]; {
		case c == '>':
			return tag, selfClosing, i + 1
		case c == '/':
			selfClosing = true
			i++
			continue
		case isSpace(c):
			i++
			continue
		}
		selfClosing = false
		// Attribute name.
		for i < len(page) && !isSpace(page[i]) && page[i] != '=' && page[i] != '>' && page[i] != '/' {
			i++
		}
		j := skipSpace(page, i)
		if j >= len(page) || page[j] != '=' {
			i = j // an attribute without a value
			continue
		}
		i = skipSpace(page, j+1)
		if i >= len(page) {
			break
		}
		// Attribute value: quoted or not.
		if q := page[i]; q == '"' || q == '\'' {
			end := bytes.IndexByte(page[i+1:], q)
			if end < 0 {
				return tag, false, len(page) // unterminated: leave the rest alone
			}
			replace(i+1, i+1+end)
			i += end + 2
			continue
		}
		vs := i
		for i < len(page) && !isSpace(page[i]) && page[i] != '>' {
			i++
		}
		replace(vs, i)
	}
	return tag, false, len(page)
}

// rewriteValue rewrites the URL tokens of one attribute value of a page in
// folder dir.
func rewriteValue(v, dir string, names map[string]string, counts map[string]int) (string, bool) {
	var b strings.Builder
	changed := false
	for i := 0; i < len(v); {
		if isSep(v[i]) {
			b.WriteByte(v[i])
			i++
			continue
		}
		j := i
		for j < len(v) && !isSep(v[j]) {
			j++
		}
		token := v[i:j]
		prefix := ""
		for _, p := range []string{"./", "/"} {
			if strings.HasPrefix(token, p) {
				prefix, token = p, token[len(p):]
				break
			}
		}
		core, suffix := token, ""
		if k := strings.IndexAny(token, "?#"); k >= 0 {
			core, suffix = token[:k], token[k:]
		}
		full := core
		if dir != "" && prefix != "/" && core != "" {
			full = path.Join(dir, core)
		}
		if to, ok := names[full]; ok {
			counts[full]++
			changed = true
			// Hashing changes only the last element of a name.
			b.WriteString(prefix + core[:strings.LastIndexByte(core, '/')+1] + path.Base(to) + suffix)
		} else {
			b.WriteString(v[i:j])
		}
		i = j
	}
	return b.String(), changed
}

// skipPast returns the index just past the first end at or after i.
func skipPast(page []byte, i int, end string) int {
	k := bytes.Index(page[i:], []byte(end))
	if k < 0 {
		return len(page)
	}
	return i + k + len(end)
}

// skipRawText returns the index of the closing tag (matched without regard
// to case) that ends the raw text starting at i.
func skipRawText(page []byte, i int, closing string) int {
	k := bytes.Index(bytes.ToLower(page[i:]), []byte(closing))
	if k < 0 {
		return len(page)
	}
	return i + k
}

func skipSpace(page []byte, i int) int {
	for i < len(page) && isSpace(page[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isSep(c byte) bool    { return isSpace(c) || c == ',' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
