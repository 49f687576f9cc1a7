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
	err := s.Quads(ctx, func(q quad.Quad) error {
		t, err := toTriple(q)
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
		return WriteTriples(w, f, ts, "")
	}
	for _, g := range order {
		if err := WriteTriples(w, NQuads, graphs[g], g); err != nil {
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
