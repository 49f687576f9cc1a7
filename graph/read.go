package graph

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

// Typed reads: what a store holds, as Go values, for programs and
// notebooks that would rather not write Gizmo. They read the layout that
// AddDocument and newskg build write (entity statements in EntityGraph).

// Entity is an entity as the store describes it.
type Entity struct {
	IRI         string
	Type        extract.EntityType
	Label       string
	AltLabels   []string
	Roles       []string
	Nationality []string // IRIs of countries
}

// Claim is a claim as the store holds it.
type Claim struct {
	IRI     string
	Article string // the article's IRI
	// Speaker is the speaker's IRI ("" when the article names none);
	// SpeakerLabel its label.
	Speaker, SpeakerLabel string
	Cue, Text             string
	Mode                  extract.Mode
	Polarity              extract.Polarity
	// Begin and End count code points from the start of the article's
	// text; Sentence counts from 1.
	Begin, End, Sentence int
}

// Event is an event as the store holds it.
type Event struct {
	IRI, Article string
	Type         string // the event class's local name ("Meeting")
	Trigger      string
	Participants []string // IRIs
	Place        string   // IRI, or ""
	// Date is the date at the precision the article gives ("2019-12-10",
	// "2019-12", "2019"), or "".
	Date                 string
	Begin, End, Sentence int
}

// ClaimFilter selects claims; a zero field selects all.
type ClaimFilter struct {
	Speaker string // an entity's IRI
	Article string // an article's IRI
	// From and To bound the publication date of the claim's article
	// (inclusive); a claim of an undated article passes only unbounded.
	From, To time.Time
}

// EventFilter selects events; a zero field selects all.
type EventFilter struct {
	Type        string // the event class's local name ("Meeting")
	Participant string // an entity's IRI
	Article     string
	From, To    time.Time // bounds of the article's publication date
}

// EntityFilter selects entities; a zero field selects all.
type EntityFilter struct {
	Type  extract.EntityType
	Label string // the label or an alternative label, compared without case
}

// Claims returns the claims f selects, in IRI order.
func (s *Store) Claims(ctx context.Context, f ClaimFilter) (_ []Claim, err error) {
	defer s.unreadable(&err)
	nodes, err := s.selectNodes(ctx, ontology.Claim, ontology.Speaker, f.Speaker, f.Article)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{}
	var out []Claim
	err = s.eachPublished(ctx, nodes, f.From, f.To, func(n string, props map[string][]string) error {
		c := Claim{IRI: n, Article: first(props[ontology.ArticleOf]), Speaker: first(props[ontology.Speaker]),
			Cue: first(props[ontology.Cue]), Text: first(props[ontology.ClaimText]),
			Mode: extract.Indirect, Polarity: extract.Positive}
		if first(props[ontology.Mode]) == ontology.Direct {
			c.Mode = extract.Direct
		}
		if first(props[ontology.Polarity]) == ontology.Negative {
			c.Polarity = extract.Negative
		}
		c.Begin, c.End, c.Sentence = span(props)
		if c.Speaker != "" {
			l, ok := labels[c.Speaker]
			if !ok {
				e, _, err := s.Entity(ctx, c.Speaker)
				if err != nil {
					return err
				}
				l = e.Label
				labels[c.Speaker] = l
			}
			c.SpeakerLabel = l
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Events returns the events f selects, in IRI order.
func (s *Store) Events(ctx context.Context, f EventFilter) (_ []Event, err error) {
	defer s.unreadable(&err)
	class := ontology.Event
	if f.Type != "" {
		class = ontology.EventClass(f.Type)
	}
	nodes, err := s.selectNodes(ctx, class, ontology.Participant, f.Participant, f.Article)
	if err != nil {
		return nil, err
	}
	var out []Event
	err = s.eachPublished(ctx, nodes, f.From, f.To, func(n string, props map[string][]string) error {
		ev := Event{IRI: n, Article: first(props[ontology.ArticleOf]), Trigger: first(props[ontology.Trigger]),
			Participants: props[ontology.Participant], Place: first(props[ontology.EventPlace]), Date: first(props[ontology.Date])}
		for _, c := range props[ontology.Type] {
			if strings.HasPrefix(c, ontology.NS) && c != ontology.Event {
				ev.Type = strings.TrimPrefix(c, ontology.NS)
			}
		}
		ev.Begin, ev.End, ev.Sentence = span(props)
		out = append(out, ev)
		return nil
	})
	return out, err
}

// eachPublished calls fn with the properties of each node whose article
// was published within [from, to] (see publishedWithin).
func (s *Store) eachPublished(ctx context.Context, nodes []string, from, to time.Time, fn func(n string, props map[string][]string) error) error {
	dates := map[string]string{}
	for _, n := range nodes {
		props, err := s.properties(ctx, quad.IRI(n))
		if err != nil {
			return err
		}
		ok, err := s.publishedWithin(ctx, first(props[ontology.ArticleOf]), from, to, dates)
		if err != nil {
			return err
		}
		if ok {
			if err := fn(n, props); err != nil {
				return err
			}
		}
	}
	return nil
}

// span reads a node's offsets and sentence number.
func span(props map[string][]string) (begin, end, sentence int) {
	return number(props[ontology.NIFBeginIndex]), number(props[ontology.NIFEndIndex]), number(props[ontology.Sentence])
}

// Entities returns the entities f selects, in IRI order.
func (s *Store) Entities(ctx context.Context, f EntityFilter) (_ []Entity, err error) {
	defer s.unreadable(&err)
	classes := []string{ontology.Person, ontology.Organisation, ontology.Place}
	if f.Type != "" {
		classes = []string{entityClass(f.Type)}
	}
	var out []Entity
	for _, class := range classes {
		nodes, err := s.selectNodes(ctx, class, "", "", "")
		if err != nil {
			return nil, err
		}
		for _, n := range nodes {
			e, ok, err := s.Entity(ctx, n)
			if err != nil {
				return nil, err
			}
			if ok && (f.Label == "" || strings.EqualFold(e.Label, f.Label) ||
				slices.ContainsFunc(e.AltLabels, func(a string) bool { return strings.EqualFold(a, f.Label) })) {
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// Entity returns what the store says of the entity with the given IRI,
// and whether it knows the entity.
func (s *Store) Entity(ctx context.Context, iri string) (_ Entity, _ bool, err error) {
	defer s.unreadable(&err)
	props, err := s.properties(ctx, quad.IRI(iri))
	if err != nil {
		return Entity{}, false, err
	}
	e := Entity{IRI: iri, Label: first(props[ontology.Label]), AltLabels: props[ontology.AltLabel],
		Roles: props[ontology.Role], Nationality: props[ontology.Nationality]}
	for _, c := range props[ontology.Type] {
		for t, class := range entityClasses {
			if c == class {
				e.Type = t
			}
		}
	}
	return e, e.Type != "", nil
}

// selectNodes returns, in order, the nodes of class whose property by
// (if set) is value, in the named graph article (if set).
func (s *Store) selectNodes(ctx context.Context, class, by, value, article string) ([]string, error) {
	typed, err := s.subjectsWith(ctx, ontology.Type, quad.IRI(class), "")
	if err != nil {
		return nil, err
	}
	keep := typed
	if by == "" || value == "" {
		by, value = "", ""
		if article != "" {
			by, value = ontology.ArticleOf, article // every node of the article
		}
	}
	if by != "" {
		with, err := s.subjectsWith(ctx, by, quad.IRI(value), article)
		if err != nil {
			return nil, err
		}
		keep = map[string]bool{}
		for n := range with {
			if typed[n] {
				keep[n] = true
			}
		}
	}
	out := make([]string, 0, len(keep))
	for n := range keep {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// subjectsWith returns the IRIs of the subjects of quads (·, p, o), in the
// named graph g if it is set.
func (s *Store) subjectsWith(ctx context.Context, p string, o quad.Value, g string) (map[string]bool, error) {
	out := map[string]bool{}
	ref, err := s.qs.ValueOf(o)
	if err != nil || ref == nil {
		return out, err
	}
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Object, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		if q.Predicate == quad.IRI(p) && (g == "" || labelOf(q) == g) {
			if sub, ok := q.Subject.(quad.IRI); ok {
				out[string(sub)] = true
			}
		}
		return nil
	})
	return out, err
}

// properties returns the objects of every quad with subject n, by
// predicate, as text (IRIs without brackets, literals' lexical forms),
// each list sorted and without repeats.
func (s *Store) properties(ctx context.Context, n quad.Value) (map[string][]string, error) {
	out := map[string][]string{}
	ref, err := s.qs.ValueOf(n)
	if err != nil || ref == nil {
		return out, err
	}
	seen := map[[2]string]bool{}
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Subject, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		p := string(asIRI(q.Predicate))
		var v string
		if o, ok := q.Object.(quad.IRI); ok {
			v = string(o)
		} else {
			v = literalText(q.Object)
		}
		if k := [2]string{p, v}; !seen[k] {
			seen[k] = true
			out[p] = append(out[p], v)
		}
		return nil
	})
	for _, vs := range out {
		sort.Strings(vs)
	}
	return out, err
}

// publishedWithin reports whether the article was published in [from,
// to] (either bound may be zero); dates caches articles' dates.
func (s *Store) publishedWithin(ctx context.Context, article string, from, to time.Time, dates map[string]string) (bool, error) {
	if from.IsZero() && to.IsZero() {
		return true, nil
	}
	d, ok := dates[article]
	if !ok {
		props, err := s.properties(ctx, quad.IRI(article))
		if err != nil {
			return false, err
		}
		d = first(props[ontology.SchemaDatePublished])
		dates[article] = d
	}
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return false, nil // undated
	}
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || !t.After(to)), nil
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func number(vs []string) int {
	n, _ := strconv.Atoi(first(vs))
	return n
}
