package graph

import (
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/knakk/rdf"
)

// Export writes the whole store. N-Quads keep each statement's graph;
// Turtle and N-Triples have no graphs, so statements that several articles
// share are written once.
func (s *Store) Export(ctx context.Context, w io.Writer, f Format) error {
	var ts []rdf.Triple
	graphs := map[string][]rdf.Triple{}
	var order []string
	seen := map[rdf.Triple]bool{}
	// statements the RDF writer cannot encode, written as N-Quads lines
	// (valid N-Triples and Turtle too) after the others: literals whose
	// language tag has more than one subtag ("sr-Latn-RS")
	raw := map[string][]quad.Quad{}
	rawSeen := map[quad.Quad]bool{}
	err := s.Quads(ctx, func(q quad.Quad) error {
		t, err := toTriple(q)
		if ls, ok := q.Object.(quad.LangString); err != nil && ok && langTag.MatchString(ls.Lang) {
			g := ""
			if l, ok := q.Label.(quad.IRI); ok && f == NQuads {
				g = string(l)
			}
			if f != NQuads {
				q.Label = nil
			}
			if !rawSeen[q] {
				rawSeen[q] = true
				if _, ok := graphs[g]; !ok && f == NQuads {
					order = append(order, g)
					graphs[g] = nil
				}
				raw[g] = append(raw[g], q)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if f == NQuads {
			g := ""
			if l, ok := q.Label.(quad.IRI); ok {
				g = string(l)
			}
			if _, ok := graphs[g]; !ok {
				order = append(order, g)
			}
			graphs[g] = append(graphs[g], t)
			return nil
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
	if f != NQuads {
		if err := WriteTriples(w, f, ts, ""); err != nil {
			return err
		}
		return writeRaw(w, raw[""])
	}
	for _, g := range order {
		if len(graphs[g]) > 0 {
			if err := WriteTriples(w, NQuads, graphs[g], g); err != nil {
				return err
			}
		}
		if err := writeRaw(w, raw[g]); err != nil {
			return err
		}
	}
	return nil
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
