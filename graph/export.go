package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"
)

// Export writes the whole store. N-Quads keep each statement's graph;
// Turtle and N-Triples have no graphs, so statements that several articles
// share are written once.
//
// N-Quads and N-Triples are written as the store is read, so that memory
// stays flat however large the store (N-Triples keeps the set of
// statements written, to write each once); Turtle, which groups
// statements by subject, is written from memory at the end.
func (s *Store) Export(ctx context.Context, w io.Writer, f Format) error {
	if f == NQuads || f == NTriples {
		return s.exportLines(ctx, w, f)
	}
	var ts []rdf.Triple
	seen := map[rdf.Triple]bool{}
	// statements the RDF writer cannot encode, written as N-Triples lines
	// (which Turtle reads too) after the others: literals whose language
	// tag has more than one subtag ("sr-Latn-RS")
	var raw []quad.Quad
	rawSeen := map[quad.Quad]bool{}
	err := s.Quads(ctx, func(q quad.Quad) error {
		q.Label = nil
		t, err := toTriple(q)
		if ls, ok := q.Object.(quad.LangString); err != nil && ok && isLangTag(ls.Lang) {
			if !rawSeen[q] {
				rawSeen[q] = true
				raw = append(raw, q)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if !seen[t] {
			seen[t] = true
			ts = append(ts, t)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := WriteTriples(w, f, ts, ""); err != nil {
		return err
	}
	return writeRaw(w, raw)
}

// exportLines writes the store as N-Quads or N-Triples lines as it reads
// it.
func (s *Store) exportLines(ctx context.Context, w io.Writer, f Format) error {
	bw := bufio.NewWriter(w)
	var seen map[rdf.Triple]bool
	var rawSeen map[quad.Quad]bool
	if f == NTriples {
		seen, rawSeen = map[rdf.Triple]bool{}, map[quad.Quad]bool{}
	}
	err := s.Quads(ctx, func(q quad.Quad) error {
		g := ""
		if l, ok := q.Label.(quad.IRI); ok && f == NQuads {
			g = string(l)
		}
		if f == NTriples {
			q.Label = nil
		}
		t, err := toTriple(q)
		if ls, ok := q.Object.(quad.LangString); err != nil && ok && isLangTag(ls.Lang) {
			// a language tag of several subtags, which the RDF writer cannot
			// encode: the quad's own N-Quads form
			if rawSeen != nil {
				if rawSeen[q] {
					return nil
				}
				rawSeen[q] = true
			}
			return writeRaw(bw, []quad.Quad{q})
		}
		if err != nil {
			return err
		}
		if seen != nil {
			if seen[t] {
				return nil
			}
			seen[t] = true
		}
		writeNLine(bw, t, g)
		return nil
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return bw.Flush()
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
