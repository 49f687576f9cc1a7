package graph

import (
	"bufio"
	"context"
	"fmt"
	"hash/maphash"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"

	"github.com/newskg/newskg/ontology"
)

// Export writes the whole store. N-Quads keep each statement's graph;
// Turtle and N-Triples have no graphs, so statements that several articles
// share are written once.
//
// Every format is written as the store is read, in the order statements
// were written, so that memory stays flat however large the store, but for
// Turtle and N-Triples a set of 16 bytes per statement written, to write
// each once. Turtle declares every prefix of the ontology and groups the
// statements of a subject that follow one another, with ";" and ",".
func (s *Store) Export(ctx context.Context, w io.Writer, f Format) error {
	bw := bufio.NewWriter(w)
	var seen *statementSet
	if f != NQuads {
		seen = newStatementSet()
	}
	var tw *turtleStream
	if f == Turtle {
		tw = newTurtleStream(bw, ontology.Prefixes())
	}
	err := s.Quads(ctx, func(q quad.Quad) error {
		g := ""
		if l, ok := q.Label.(quad.IRI); ok && f == NQuads {
			g = string(l)
		}
		if f != NQuads {
			q.Label = nil
			if !seen.add(q) {
				return nil
			}
		}
		t, err := toTriple(q)
		if ls, ok := q.Object.(quad.LangString); err != nil && ok && isLangTag(ls.Lang) {
			// a language tag of several subtags, which the RDF library
			// cannot hold: the quad's own N-Quads form (a Turtle
			// statement too)
			if tw != nil {
				tw.end()
			}
			return writeRaw(bw, []quad.Quad{q})
		}
		if err != nil {
			return err
		}
		if tw != nil {
			tw.write(t)
		} else {
			writeNLine(bw, t, g)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if tw != nil {
		tw.end()
	}
	return bw.Flush()
}

// statementSet is a set of statements by a 128-bit hash of their terms, so
// that a collision, which would drop a statement, is as unlikely as a
// disk error (about 10^-21 for 10^9 statements).
type statementSet struct {
	h1, h2 maphash.Seed
	m      map[[2]uint64]struct{}
}

func newStatementSet() *statementSet {
	return &statementSet{h1: maphash.MakeSeed(), h2: maphash.MakeSeed(), m: map[[2]uint64]struct{}{}}
}

// add adds q's subject, predicate and object and reports whether they
// were new.
func (ts *statementSet) add(q quad.Quad) bool {
	var a, b maphash.Hash
	a.SetSeed(ts.h1)
	b.SetSeed(ts.h2)
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
		s := quad.StringOf(v)
		a.WriteString(s)
		a.WriteByte(0)
		b.WriteString(s)
		b.WriteByte(0)
	}
	k := [2]uint64{a.Sum64(), b.Sum64()}
	if _, ok := ts.m[k]; ok {
		return false
	}
	ts.m[k] = struct{}{}
	return true
}

// turtleStream writes Turtle statement by statement: the prefixes first,
// then each run of statements of one subject as one block.
type turtleStream struct {
	w        *bufio.Writer
	pw       *turtleWriter
	subj     string // the open block's subject (N-Triples form), "" when none
	lastPred string
}

func newTurtleStream(w *bufio.Writer, prefixes map[string]string) *turtleStream {
	all := map[string]bool{}
	for p := range prefixes {
		all[p] = true
	}
	writePrefixes(w, prefixes, all)
	return &turtleStream{w: w, pw: &turtleWriter{prefixes: prefixes}}
}

func (ts *turtleStream) write(t rdf.Triple) {
	subj, pred := t.Subj.Serialize(rdf.NTriples), t.Pred.String()
	switch {
	case subj != ts.subj:
		ts.end()
		ts.pw.term(ts.w, t.Subj)
		ts.w.WriteByte(' ')
		ts.pw.pred(ts.w, t.Pred)
		ts.w.WriteByte(' ')
	case pred == ts.lastPred:
		ts.w.WriteString(" ,\n        ")
	default:
		ts.w.WriteString(" ;\n    ")
		ts.pw.pred(ts.w, t.Pred)
		ts.w.WriteByte(' ')
	}
	ts.subj, ts.lastPred = subj, pred
	ts.pw.term(ts.w, t.Obj)
}

// end closes the open block, if any.
func (ts *turtleStream) end() {
	if ts.subj != "" {
		ts.w.WriteString(" .\n\n")
	}
	ts.subj, ts.lastPred = "", ""
}

// writeRaw writes quads as N-Quads lines (without a graph, N-Triples
// lines, which Turtle reads too).
func writeRaw(w io.Writer, qs []quad.Quad) error {
	for _, q := range qs {
		line := q.Subject.String() + " " + q.Predicate.String() + " " + q.Object.String()
		if q.Label != nil {
			line += " " + q.Label.String()
		}
		if _, err := io.WriteString(w, line+" .\n"); err != nil {
			return err
		}
	}
	return nil
}

func toTriple(q quad.Quad) (rdf.Triple, error) {
	s, err := fromValue(q.Subject)
	if err != nil {
		return rdf.Triple{}, err
	}
	p, err := fromValue(q.Predicate)
	if err != nil {
		return rdf.Triple{}, err
	}
	o, err := fromValue(q.Object)
	if err != nil {
		return rdf.Triple{}, err
	}
	subj, ok1 := s.(rdf.Subject)
	pred, ok2 := p.(rdf.Predicate)
	obj, ok3 := o.(rdf.Object)
	if !ok1 || !ok2 || !ok3 {
		return rdf.Triple{}, fmt.Errorf("quad %v is not a valid RDF triple", q)
	}
	return rdf.Triple{Subj: subj, Pred: pred, Obj: obj}, nil
}
