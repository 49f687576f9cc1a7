package graph

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/newskg/newskg/ontology"
)

// Format is an RDF serialisation.
type Format string

// Formats newskg reads and writes.
const (
	Turtle   Format = "turtle"
	NTriples Format = "ntriples"
	NQuads   Format = "nquads"
)

// ParseFormat accepts a format name ("turtle", "ttl", "ntriples", "nt",
// "nquads", "nq").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "turtle", "ttl":
		return Turtle, nil
	case "ntriples", "n-triples", "nt":
		return NTriples, nil
	case "nquads", "n-quads", "nq":
		return NQuads, nil
	}
	return "", fmt.Errorf("unknown RDF format %q: want turtle, ntriples or nquads", s)
}

// Ext is the usual file extension of the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case NTriples:
		return ".nt"
	case NQuads:
		return ".nq"
	}
	return ".ttl"
}

// WriteTriples writes triples in format f; for NQuads every triple is put
// in the named graph g (no graph when g is empty).
func WriteTriples(w io.Writer, f Format, ts []rdf.Triple, g string) error {
	switch f {
	case Turtle:
		return WriteTurtle(w, ts, ontology.Prefixes())
	case NTriples:
		g = ""
	}
	bw := bufio.NewWriter(w)
	for _, t := range ts {
		writeNLine(bw, t, g)
	}
	return bw.Flush()
}

// writeNLine writes t as one N-Triples line, or N-Quads in graph g.
func writeNLine(bw *bufio.Writer, t rdf.Triple, g string) {
	writeNTerm(bw, t.Subj)
	bw.WriteByte(' ')
	writeNTerm(bw, t.Pred)
	bw.WriteByte(' ')
	writeNTerm(bw, t.Obj)
	if g != "" {
		bw.WriteString(" <")
		bw.WriteString(escapeIRI(g))
		bw.WriteByte('>')
	}
	bw.WriteString(" .\n")
}

// WriteTurtle writes triples as Turtle: prefixes first, then one block per
// subject in order of first appearance, predicates grouped with ";" and
// objects with ",". Names are abbreviated with a prefix only where the local
// part is a valid Turtle local name; literals are escaped so that any
// Turtle 1.1 parser reads them back unchanged.
func WriteTurtle(w io.Writer, ts []rdf.Triple, prefixes map[string]string) error {
	bw := bufio.NewWriter(w)
	pw := &turtleWriter{prefixes: prefixes}
	// only declare prefixes that are used
	used := map[string]bool{}
	for _, t := range ts {
		for _, term := range []rdf.Term{t.Subj, t.Pred, t.Obj} {
			if p := pw.prefixOf(term); p != "" {
				used[p] = true
			}
		}
	}
	writePrefixes(bw, prefixes, used)
	// group by subject, keeping first-appearance order
	order := []string{}
	bySubj := map[string][]rdf.Triple{}
	for _, t := range ts {
		k := t.Subj.Serialize(rdf.NTriples)
		if _, ok := bySubj[k]; !ok {
			order = append(order, k)
		}
		bySubj[k] = append(bySubj[k], t)
	}
	for _, k := range order {
		group := bySubj[k]
		pw.term(bw, group[0].Subj)
		lastPred := ""
		for i, t := range group {
			p := t.Pred.String()
			switch {
			case i == 0:
				bw.WriteByte(' ')
				pw.pred(bw, t.Pred)
				bw.WriteByte(' ')
			case p == lastPred:
				bw.WriteString(" ,\n        ")
			default:
				bw.WriteString(" ;\n    ")
				pw.pred(bw, t.Pred)
				bw.WriteByte(' ')
			}
			lastPred = p
			pw.term(bw, t.Obj)
		}
		bw.WriteString(" .\n\n")
	}
	return bw.Flush()
}

// writePrefixes declares the prefixes whose names are in use, sorted, and
// a blank line after them.
func writePrefixes(w *bufio.Writer, prefixes map[string]string, use map[string]bool) {
	names := make([]string, 0, len(use))
	for p := range use {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		fmt.Fprintf(w, "@prefix %s: <%s> .\n", p, escapeIRI(prefixes[p]))
	}
	if len(names) > 0 {
		w.WriteByte('\n')
	}
}

type turtleWriter struct{ prefixes map[string]string }

// localName matches the local names this writer abbreviates: a safe subset
// of Turtle's PN_LOCAL (no escapes, no trailing dot).
var localName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

func (pw *turtleWriter) prefixOf(t rdf.Term) string {
	i, ok := t.(rdf.IRI)
	if !ok {
		l, ok := t.(rdf.Literal)
		if !ok || l.DataType.String() == "" || l.DataType.String() == ontology.XSDString || l.Lang() != "" {
			return ""
		}
		i = l.DataType
	}
	p, _ := pw.abbrev(i.String())
	return p
}

func (pw *turtleWriter) abbrev(s string) (prefix, local string) {
	best := ""
	for p, ns := range pw.prefixes {
		if strings.HasPrefix(s, ns) && localName.MatchString(s[len(ns):]) && (best == "" || len(ns) > len(pw.prefixes[best])) {
			best = p
		}
	}
	if best == "" {
		return "", ""
	}
	return best, s[len(pw.prefixes[best]):]
}

func (pw *turtleWriter) pred(w *bufio.Writer, p rdf.Predicate) {
	if p.String() == ontology.Type {
		w.WriteByte('a')
		return
	}
	pw.term(w, p)
}

func (pw *turtleWriter) term(w *bufio.Writer, t rdf.Term) {
	switch t := t.(type) {
	case rdf.IRI:
		if p, l := pw.abbrev(t.String()); p != "" {
			w.WriteString(p + ":" + l)
			return
		}
		w.WriteByte('<')
		w.WriteString(escapeIRI(t.String()))
		w.WriteByte('>')
	case rdf.Literal:
		w.WriteByte('"')
		w.WriteString(escapeString(t.String()))
		w.WriteByte('"')
		switch {
		case t.Lang() != "":
			w.WriteString("@" + t.Lang())
		case t.DataType.String() == "" || t.DataType.String() == ontology.XSDString:
		default:
			w.WriteString("^^")
			pw.term(w, t.DataType)
		}
	case rdf.Blank:
		w.WriteString(blankLabel(t))
	}
}

// writeNTerm writes a term in N-Triples syntax.
func writeNTerm(w *bufio.Writer, t rdf.Term) {
	switch t := t.(type) {
	case rdf.IRI:
		w.WriteByte('<')
		w.WriteString(escapeIRI(t.String()))
		w.WriteByte('>')
	case rdf.Literal:
		w.WriteByte('"')
		w.WriteString(escapeString(t.String()))
		w.WriteByte('"')
		switch {
		case t.Lang() != "":
			w.WriteString("@" + t.Lang())
		case t.DataType.String() == "" || t.DataType.String() == ontology.XSDString:
		default:
			w.WriteString("^^<" + escapeIRI(t.DataType.String()) + ">")
		}
	case rdf.Blank:
		w.WriteString(blankLabel(t))
	}
}

var blankUnsafe = regexp.MustCompile(`[^A-Za-z0-9_-]`)

func blankLabel(b rdf.Blank) string {
	id := strings.TrimPrefix(b.String(), "_:")
	return "_:" + blankUnsafe.ReplaceAllString(id, "_")
}

// escapeString escapes a literal's lexical form for a "…" string in
// Turtle and N-Triples.
func escapeString(s string) string {
	if !strings.ContainsAny(s, "\"\\\n\r\t\b\f") {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// escapeIRI writes characters that may not stand in an IRI reference as
// \u escapes (Turtle and N-Triples UCHAR).
func escapeIRI(s string) string {
	if !strings.ContainsAny(s, "<>\"{}|^`\\ ") && !hasControl(s) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c) {
			fmt.Fprintf(&b, "\\u%04X", c)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}
