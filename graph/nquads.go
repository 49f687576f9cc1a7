package graph

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// parseNQuad parses one N-Quads statement (RDF 1.1 N-Quads, a line without
// its line break) into a quad. It reads the line's bytes as they are,
// copying only what it keeps, and unescapes \t, \", \uXXXX and the like in
// literals and IRIs; a trailing comment is allowed. Values are IRIs, blank
// nodes, plain, language-tagged and typed strings (typed strings are not
// converted to Go values). It does not check what the grammar leaves to
// later: that IRIs are absolute, that blank nodes name no graph.
//
// Cayley's nquads.ParseRaw gives the same quads for the lines both accept
// but turns each line into runes and back, which cost more than half of a
// large load, and splits a literal after unescaping it, so that a literal
// holding `"@` came back wrong.
func parseNQuad(line []byte) (quad.Quad, error) {
	return parseNQuadWith(line, nil)
}

// parseNQuadWith is parseNQuad keeping IRIs in names, so that an IRI read
// again is the same string, not a new copy.
func parseNQuadWith(line []byte, names *interner) (quad.Quad, error) {
	p := nqParser{s: line, names: names}
	var q quad.Quad
	var err error
	if q.Subject, err = p.term("subject", false); err != nil {
		return q, err
	}
	if q.Predicate, err = p.term("predicate", false); err != nil {
		return q, err
	}
	if _, ok := q.Predicate.(quad.IRI); !ok {
		return q, p.errorf(p.start, "the predicate must be an IRI")
	}
	if q.Object, err = p.term("object", true); err != nil {
		return q, err
	}
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '.' {
		if q.Label, err = p.term("graph name", false); err != nil {
			return q, err
		}
		p.space()
	}
	if p.i >= len(p.s) || p.s[p.i] != '.' {
		return q, p.errorf(p.i, "expected '.' at the end of the statement")
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '#' {
		return q, p.errorf(p.i, "unexpected text after the statement's '.'")
	}
	return q, nil
}

type nqParser struct {
	s     []byte
	i     int
	start int // where the last term began
	names *interner
}

// interner keeps one copy of each string it saw, up to a bound.
type interner struct {
	m   map[string]string
	max int
}

func newInterner(max int) *interner { return &interner{m: map[string]string{}, max: max} }

func (in *interner) get(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in.m[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if len(in.m) < in.max {
		in.m[s] = s
	}
	return s
}

func (p *nqParser) errorf(at int, format string, args ...any) error {
	return fmt.Errorf("column %d: %s", at+1, fmt.Sprintf(format, args...))
}

func (p *nqParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// term reads an IRI, a blank node or (where literal is true) a literal.
func (p *nqParser) term(what string, literal bool) (quad.Value, error) {
	p.space()
	p.start = p.i
	if p.i >= len(p.s) {
		return nil, p.errorf(p.i, "expected the %s, found the end of the line", what)
	}
	switch c := p.s[p.i]; {
	case c == '<':
		iri, err := p.iri()
		return quad.IRI(iri), err
	case c == '_' && p.i+1 < len(p.s) && p.s[p.i+1] == ':':
		return p.blank()
	case c == '"' && literal:
		return p.literal()
	}
	return nil, p.errorf(p.i, "expected the %s (an IRI in <…>%s), found %q", what, map[bool]string{false: " or a blank node", true: ", a blank node or a literal"}[literal], p.rest())
}

// rest is the text from the parser's position, shortened.
func (p *nqParser) rest() string {
	r := string(p.s[p.i:])
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return r
}

// iri reads <…> and returns what stands inside, unescaped.
func (p *nqParser) iri() (string, error) {
	p.i++ // '<'
	from := p.i
	var b *strings.Builder
	for p.i < len(p.s) {
		if b == nil { // skip to the first byte that needs a look
			for p.i < len(p.s) && !iriStop[p.s[p.i]] {
				p.i++
			}
			if p.i == len(p.s) {
				break
			}
		}
		c := p.s[p.i]
		switch {
		case c == '>':
			var s string
			if b == nil {
				s = p.names.get(p.s[from:p.i])
			} else {
				s = b.String()
			}
			p.i++
			return s, nil
		case c == '\\':
			if b == nil {
				b = &strings.Builder{}
				b.Write(p.s[from:p.i])
			}
			if p.i+1 >= len(p.s) || (p.s[p.i+1] != 'u' && p.s[p.i+1] != 'U') {
				return "", p.errorf(p.i, "only \\u and \\U escapes may stand in an IRI")
			}
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
			continue
		case notInIRI[c]:
			return "", p.errorf(p.i, "character %q may not stand in an IRI", c)
		}
		if b != nil {
			b.WriteByte(c)
		}
		p.i++
	}
	return "", p.errorf(from-1, "IRI without its closing '>'")
}

// notInIRI marks the bytes N-Quads' IRIREF excludes: controls, space,
// DEL and <>"{}|^`\ ('>' and '\\' are handled before the table is read).
var notInIRI = func() (t [256]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	t[0x7f] = true
	for _, c := range []byte("<\"{}|^`") {
		t[c] = true
	}
	return t
}()

// iriStop marks the bytes that end a plain run of an IRI: its end, an
// escape, and what may not stand in it.
var iriStop = func() (t [256]bool) {
	t = notInIRI
	t['>'], t['\\'] = true, true
	return t
}()

// uchar reads \uXXXX or \UXXXXXXXX at the parser's position.
func (p *nqParser) uchar() (rune, error) {
	n := 4
	if p.s[p.i+1] == 'U' {
		n = 8
	}
	at := p.i
	if p.i+2+n > len(p.s) {
		return 0, p.errorf(at, "incomplete \\%c escape", p.s[p.i+1])
	}
	var r rune
	for _, h := range p.s[p.i+2 : p.i+2+n] {
		var d byte
		switch {
		case h >= '0' && h <= '9':
			d = h - '0'
		case h >= 'a' && h <= 'f':
			d = h - 'a' + 10
		case h >= 'A' && h <= 'F':
			d = h - 'A' + 10
		default:
			return 0, p.errorf(at, "bad hexadecimal digit %q in a \\%c escape", h, p.s[p.i+1])
		}
		r = r<<4 | rune(d)
	}
	if r > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
		return 0, p.errorf(at, "escape \\%c names no character", p.s[p.i+1])
	}
	p.i += 2 + n
	return r, nil
}

// blank reads _:label.
func (p *nqParser) blank() (quad.Value, error) {
	p.i += 2
	from := p.i
	for p.i < len(p.s) {
		r, size := utf8.DecodeRune(p.s[p.i:])
		if !blankChar(r, p.i == from) {
			break
		}
		p.i += size
	}
	// a label may hold dots but not end with one
	for p.i > from && p.s[p.i-1] == '.' {
		p.i--
	}
	if p.i == from {
		return nil, p.errorf(from-2, "blank node without a label")
	}
	return quad.BNode(string(p.s[from:p.i])), nil
}

// blankChar reports whether r may stand in a blank node label (first: at
// its start), as N-Quads' PN_CHARS_U (':' included), PN_CHARS and '.' say.
func blankChar(r rune, first bool) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == ':':
		return true
	case r == '-' || r == '.' || r == 0xB7 || (r >= 0x300 && r <= 0x36F) || r == 0x203F || r == 0x2040:
		return !first
	}
	return r >= 0xC0 && r <= 0xEFFFF && r != 0xD7 && r != 0xF7 &&
		!(r >= 0x37E && r < 0x37F) && !(r >= 0x2000 && r < 0x200C) && !(r > 0x200D && r < 0x2070) &&
		!(r >= 0x2190 && r < 0x2C00) && !(r >= 0x2FF0 && r < 0x3001) && !(r >= 0xD800 && r < 0xF900) &&
		!(r >= 0xFDD0 && r < 0xFDF0) && !(r >= 0xFFFE && r < 0x10000)
}

// literal reads "…" with its language tag or datatype.
func (p *nqParser) literal() (quad.Value, error) {
	p.i++ // '"'
	from := p.i
	var b *strings.Builder
	var text string
	for {
		if p.i >= len(p.s) {
			return nil, p.errorf(from-1, "literal without its closing '\"'")
		}
		c := p.s[p.i]
		if c == '"' {
			if b == nil {
				text = string(p.s[from:p.i])
			} else {
				text = b.String()
			}
			p.i++
			break
		}
		if c == '\n' || c == '\r' {
			return nil, p.errorf(p.i, "a line break may not stand in a literal (write \\n)")
		}
		if c != '\\' {
			if b != nil {
				b.WriteByte(c)
			}
			p.i++
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Write(p.s[from:p.i])
		}
		if p.i+1 >= len(p.s) {
			return nil, p.errorf(p.i, "'\\' at the end of the line")
		}
		e := p.s[p.i+1]
		if e == 'u' || e == 'U' {
			r, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(r)
			continue
		}
		i := strings.IndexByte(`tbnrf"'\`, e)
		if i < 0 {
			return nil, p.errorf(p.i, "unknown escape \\%c", e)
		}
		b.WriteByte("\t\b\n\r\f\"'\\"[i])
		p.i += 2
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '@':
		p.i++
		from := p.i
		for p.i < len(p.s) && (isLetter(p.s[p.i]) || (p.i > from && (p.s[p.i] == '-' || isDigit(p.s[p.i])))) {
			p.i++
		}
		tag := string(p.s[from:p.i])
		if !isLangTag(tag) {
			return nil, p.errorf(from-1, "language tag %q is not one (want letters, then subtags of letters and digits after '-')", tag)
		}
		return quad.LangString{Value: quad.String(text), Lang: tag}, nil
	case p.i+1 < len(p.s) && p.s[p.i] == '^' && p.s[p.i+1] == '^':
		p.i += 2
		if p.i >= len(p.s) || p.s[p.i] != '<' {
			return nil, p.errorf(p.i, "expected the datatype IRI in <…> after '^^'")
		}
		dt, err := p.iri()
		if err != nil {
			return nil, err
		}
		return quad.TypedString{Value: quad.String(text), Type: quad.IRI(dt)}, nil
	}
	return quad.String(text), nil
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
