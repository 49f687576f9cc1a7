package graph

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/ontology"
)

// # Entity statements
//
// An entity is named by many articles, and each says something of it. If
// every article's graph stated the entity's type, label and roles, a
// query that walks to an entity's label would meet one copy per article
// and give one row per copy. So a store keeps, in each article's graph,
// an entity record per entity (ontology.EntityRecord: what this article
// says), and states each entity's type, label, alternative labels, roles
// and nationality once, in EntityGraph, as the union of the records that
// remain. A batch recomputes the statements of the entities whose records
// it changes, in the same transaction as the records, so that removing or
// rebuilding an article leaves exactly what a fresh build of the other
// articles would.

// EntityGraph returns the IRI of the graph that holds the statements
// about entities derived from the articles' entity records.
func (m Minter) EntityGraph() string { return m.base() + "graph/entities" }

// facts are what entity records say of one entity, merged.
type facts struct {
	class string          // newskg class
	label string          // the longest recorded label (see better)
	names map[string]bool // every recorded name, the label too
	roles map[string]bool
	nats  map[string]bool // nationality IRIs
}

func newFacts() *facts {
	return &facts{names: map[string]bool{}, roles: map[string]bool{}, nats: map[string]bool{}}
}

// better reports whether label a is preferred to b: the longer, then the
// first in code point order, so that the choice does not depend on the
// order in which articles were written.
func better(a, b string) bool {
	if b == "" {
		return a != ""
	}
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	return na > nb || na == nb && a < b
}

func (f *facts) addLabel(l string) {
	f.names[l] = true
	if better(l, f.label) {
		f.label = l
	}
}

func (f *facts) merge(o *facts) {
	if o == nil {
		return
	}
	if f.class == "" {
		f.class = o.class
	}
	if o.label != "" {
		f.addLabel(o.label)
	}
	for n := range o.names {
		f.names[n] = true
	}
	for r := range o.roles {
		f.roles[r] = true
	}
	for n := range o.nats {
		f.nats[n] = true
	}
}

func (f *facts) equal(o *facts) bool {
	if f == nil || o == nil {
		return f == o
	}
	return f.class == o.class && f.label == o.label && sameSet(f.names, o.names) && sameSet(f.roles, o.roles) && sameSet(f.nats, o.nats)
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// quads states the facts of entity e in graph g, with the standard
// super-properties and schema:name beside rdfs:label, as Triples does.
func (f *facts) quads(e quad.IRI, g quad.IRI) []quad.Quad {
	if f.class == "" || f.label == "" {
		return nil // no record names the entity any more
	}
	var out []quad.Quad
	add := func(p string, o quad.Value) {
		out = append(out, quad.Quad{Subject: e, Predicate: quad.IRI(p), Object: o, Label: g})
		if super, ok := ontology.SuperProperty(p); ok {
			out = append(out, quad.Quad{Subject: e, Predicate: quad.IRI(super), Object: o, Label: g})
		}
	}
	f.each(func(p string, o quad.Value) {
		add(p, o)
		switch p {
		case ontology.Type:
			if sc := schemaClass(f.class); sc != "" {
				add(ontology.Type, quad.IRI(sc))
			}
		case ontology.Label:
			add(ontology.SchemaName, o)
		}
	})
	return out
}

// record states the facts of entity e as its record rec in an article's
// graph (no graph given: the caller's), as Minter.StoreTriples does.
func (f *facts) record(rec, e quad.IRI) []quad.Quad {
	var out []quad.Quad
	add := func(p string, o quad.Value) {
		out = append(out, quad.Quad{Subject: rec, Predicate: quad.IRI(p), Object: o})
	}
	add(ontology.Type, quad.IRI(ontology.EntityRecord))
	add(ontology.RecordOf, e)
	f.each(func(p string, o quad.Value) { add(recordPredicate[p], o) })
	return out
}

// each calls fn with the predicate and object of each statement of f's
// facts: the type, the label, the other names, the roles and the
// nationalities, each sorted.
func (f *facts) each(fn func(p string, o quad.Value)) {
	fn(ontology.Type, quad.IRI(f.class))
	fn(ontology.Label, stringLiteral(f.label))
	for _, n := range sortedKeys(f.names) {
		if n != f.label {
			fn(ontology.AltLabel, stringLiteral(n))
		}
	}
	for _, r := range sortedKeys(f.roles) {
		fn(ontology.Role, stringLiteral(r))
	}
	for _, n := range sortedKeys(f.nats) {
		fn(ontology.Nationality, quad.IRI(n))
	}
}

// recordPredicate is the record predicate of each statement predicate.
var recordPredicate = map[string]string{ontology.Type: ontology.RecordedType, ontology.Label: ontology.RecordedLabel,
	ontology.AltLabel: ontology.RecordedAltLabel, ontology.Role: ontology.RecordedRole, ontology.Nationality: ontology.RecordedNationality}

// stringLiteral is an xsd:string literal as the store keeps it (see
// toValue): a plain quad.String, which Cayley hashes as the typed form.
func stringLiteral(s string) quad.Value { return quad.String(s) }

func literalText(v quad.Value) string {
	switch v := v.(type) {
	case quad.TypedString:
		return string(v.Value)
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedStringer: // native values (ints, times) a store may give back
		return string(v.TypedString().Value)
	}
	return ""
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// recordsIn reads the entity records among the quads of one graph: for
// each entity, what its records there say.
func recordsIn(qs []quad.Quad) map[quad.IRI]*facts {
	of := map[quad.Value]quad.IRI{} // record → entity
	for _, q := range qs {
		if q.Predicate == quad.IRI(ontology.RecordOf) {
			if e, ok := q.Object.(quad.IRI); ok {
				of[q.Subject] = e
			}
		}
	}
	if len(of) == 0 {
		return nil
	}
	out := map[quad.IRI]*facts{}
	for _, q := range qs {
		e, ok := of[q.Subject]
		if !ok {
			continue
		}
		f := out[e]
		if f == nil {
			f = newFacts()
			out[e] = f
		}
		f.read(recordKinds, q)
	}
	return out
}

// The predicates that state an entity fact, in records and in
// EntityGraph, and what they state.
type factKind int

const (
	factClass factKind = iota + 1
	factLabel
	factName
	factRole
	factNationality
)

var (
	recordKinds = map[quad.IRI]factKind{ontology.RecordedType: factClass, ontology.RecordedLabel: factLabel,
		ontology.RecordedAltLabel: factName, ontology.RecordedRole: factRole, ontology.RecordedNationality: factNationality}
	statementKinds = map[quad.IRI]factKind{ontology.Type: factClass, ontology.Label: factLabel,
		ontology.AltLabel: factName, ontology.Role: factRole, ontology.Nationality: factNationality}
)

// read adds what quad q says to f, its predicates read by kinds.
func (f *facts) read(kinds map[quad.IRI]factKind, q quad.Quad) {
	switch kinds[asIRI(q.Predicate)] {
	case factClass:
		if c := string(asIRI(q.Object)); strings.HasPrefix(c, ontology.NS) {
			f.class = c // not the schema.org class beside it
		}
	case factLabel:
		f.addLabel(literalText(q.Object))
	case factName:
		f.names[literalText(q.Object)] = true
	case factRole:
		f.roles[literalText(q.Object)] = true
	case factNationality:
		f.nats[string(asIRI(q.Object))] = true
	}
}

func asIRI(v quad.Value) quad.IRI {
	i, _ := v.(quad.IRI)
	return i
}

// entityDeltas returns the changes to EntityGraph that the batch's
// replaced and removed graphs call for: for each entity whose records
// changed, its statements become the union of its records that remain.
// An entity that only gains records merges them into what it has; one
// that loses a record is recomputed from all its records in the store.
func (b *Batch) entityDeltas(ctx context.Context) ([]graph.Delta, error) {
	eg := quad.IRI(b.s.minter.EntityGraph())
	touched := map[quad.IRI]bool{}
	rescan := map[quad.IRI]bool{}
	for g := range b.graphs {
		old, cur := b.oldRecords[g], b.newRecords[g]
		for e, f := range old {
			if !f.equal(cur[e]) {
				touched[e], rescan[e] = true, true
			}
		}
		for e, f := range cur {
			if !f.equal(old[e]) {
				touched[e] = true
			}
		}
	}
	order := make([]string, 0, len(touched))
	for e := range touched {
		order = append(order, string(e))
	}
	sort.Strings(order)
	var deltas []graph.Delta
	for _, es := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e := quad.IRI(es)
		have, current, err := b.s.entityStatements(ctx, e, eg)
		if err != nil {
			return nil, err
		}
		want := newFacts()
		if rescan[e] {
			if err := b.s.recordsOf(ctx, e, b.graphs, want); err != nil {
				return nil, err
			}
		} else {
			want.merge(current)
		}
		for g := range b.graphs {
			want.merge(b.newRecords[g][e])
		}
		wanted := want.quads(e, eg)
		next := make(map[quad.Quad]bool, len(wanted))
		for _, q := range wanted {
			next[q] = true
		}
		for _, q := range have {
			if next[q] {
				delete(next, q)
				continue
			}
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
		}
		for _, q := range wanted {
			if next[q] {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
		}
	}
	return deltas, nil
}

// entityStatements returns the quads EntityGraph eg holds about entity e,
// and the facts they state.
func (s *Store) entityStatements(ctx context.Context, e, eg quad.IRI) ([]quad.Quad, *facts, error) {
	f := newFacts()
	ref, err := s.qs.ValueOf(e)
	if err != nil || ref == nil {
		return nil, f, err
	}
	var out []quad.Quad
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Subject, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		if q.Label != eg {
			return nil
		}
		out = append(out, q)
		f.read(statementKinds, q)
		return nil
	})
	return out, f, err
}

// recordsOf merges into f the records of entity e in the store, except
// those in the graphs skip (which the batch replaces or removes).
func (s *Store) recordsOf(ctx context.Context, e quad.IRI, skip map[string]bool, f *facts) error {
	ref, err := s.qs.ValueOf(e)
	if err != nil || ref == nil {
		return err
	}
	type record struct{ subject, label quad.Value }
	var recs []record
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Object, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		if q.Predicate == quad.IRI(ontology.RecordOf) && !skip[labelOf(q)] {
			recs = append(recs, record{q.Subject, q.Label})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		rr, err := s.qs.ValueOf(rec.subject)
		if err != nil || rr == nil {
			return err
		}
		err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Subject, rr)).Each(func(r graph.Ref) error {
			q, err := s.qs.Quad(r)
			if err != nil {
				return err
			}
			if q.Label == rec.label {
				f.read(recordKinds, q)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
