// Package graph turns extraction results into RDF under the newskg ontology,
// writes it as Turtle, N-Triples or N-Quads, and keeps it in an embedded
// Cayley store that answers Gizmo queries.
//
// It is the API a notebook uses: Open a store, AddDocument or LoadFile,
// Query with Gizmo, Export. The command line tool in cmd/newskg is a thin
// layer over the same calls.
//
// # Identity
//
// An entity's IRI is derived from its type and normalised name, so the same
// person in two articles is one node. A body the article names by a common
// noun only ("police said") is minted under the article's IRI instead. Each article's statements are kept in a
// named graph whose name is the article's IRI (the quad label in Cayley, the
// graph in N-Quads), so an article can be replaced or removed as a unit.
//
// # Offsets
//
// nif:beginIndex and nif:endIndex count Unicode code points from the start
// of the article body (front matter removed), as NIF prescribes; the extract
// package reports byte offsets, and this package converts them.
package graph

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

// DefaultBase is the namespace newskg mints resource IRIs in.
const DefaultBase = "https://w3id.org/newskg/id/"

// Minter derives the IRIs of articles, entities, claims and events.
type Minter struct {
	// Base is prepended to every IRI; it should end in "/" or "#".
	Base string
}

func (m Minter) base() string {
	if m.Base == "" {
		return DefaultBase
	}
	return m.Base
}

// NewMinter returns a minter for base, which must be an absolute IRI ending
// in "/" or "#".
func NewMinter(base string) (Minter, error) {
	if base == "" {
		return Minter{}, nil
	}
	if !validIRI(base) || !(strings.HasSuffix(base, "/") || strings.HasSuffix(base, "#")) {
		return Minter{}, fmt.Errorf("base %q: want an absolute IRI ending in / or #", base)
	}
	return Minter{Base: base}, nil
}

// Article returns the IRI of the article with the given ID.
func (m Minter) Article(id string) string {
	return m.base() + "article/" + url.PathEscape(id)
}

// Entity returns the IRI of an entity: its type and its name, lower-cased,
// with runs of other characters than letters and digits made one "-".
func (m Minter) Entity(typ extract.EntityType, name string) string {
	return m.base() + strings.ToLower(string(typ)) + "/" + Slug(name)
}

// LocalEntity returns the IRI of an entity that the article names by a
// common noun only ("police", "state media"; extract.Entity.Local): it is
// minted under the article's IRI, since the same words in another article
// may name another body.
func (m Minter) LocalEntity(articleID string, typ extract.EntityType, name string) string {
	return m.Article(articleID) + "/" + strings.ToLower(string(typ)) + "/" + Slug(name)
}

// Slug normalises a name for use in an IRI: letters and digits lower-cased,
// anything else folded into single hyphens ("Ana M. Ferreira" → "ana-m-ferreira").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ") {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// Triples describes a document in RDF: the article, its entities with
// their names and roles, each mention with its span, each claim and each
// event. The result is self-contained and deterministic for a given
// document and minter.
func (m Minter) Triples(doc *extract.Document) []rdf.Triple { return m.triples(doc, false) }

// StoreTriples describes a document as a store keeps it in the article's
// graph: as Triples, but with each entity's statements replaced by an
// entity record (ontology.EntityRecord), from which the store derives the
// entity's statements in EntityGraph.
func (m Minter) StoreTriples(doc *extract.Document) []rdf.Triple { return m.triples(doc, true) }

func (m Minter) triples(doc *extract.Document, records bool) []rdf.Triple {
	b := &builder{text: doc.Article.Text}
	a := doc.Article
	art := iri(m.Article(a.ID))
	b.add(art, ontology.Type, iri(ontology.Article))
	b.add(art, ontology.Type, iri(ontology.SchemaNewsArticle))
	b.add(art, ontology.Type, iri(ontology.NIFContext))
	b.add(art, ontology.NIFIsString, str(a.Text))
	b.add(art, ontology.SchemaIdentifier, str(a.ID))
	if a.Title != "" {
		b.add(art, ontology.SchemaHeadline, str(a.Title))
	}
	if u, err := rdf.NewIRI(a.URL); err == nil && a.URL != "" && validIRI(a.URL) {
		b.add(art, ontology.SchemaURL, u)
	}
	if a.HasDate() {
		b.add(art, ontology.SchemaDatePublished, typed(a.Date.Format("2006-01-02"), ontology.XSDDate))
	}
	if a.Source != "" {
		b.add(art, ontology.Publisher, str(a.Source))
	}
	if doc.Hash != "" {
		b.add(art, ontology.ContentHash, str(ContentHash(doc.Hash)))
	}
	doc = withNationalities(doc)
	ents := make([]rdf.IRI, len(doc.Entities))
	for i, e := range doc.Entities {
		if e.Local {
			ents[i] = iri(m.LocalEntity(a.ID, e.Type, e.Name))
		} else {
			ents[i] = iri(m.Entity(e.Type, e.Name))
		}
	}
	if records {
		b.records(art, doc, ents)
	} else {
		b.entities(doc, ents)
	}
	for i, e := range doc.Entities {
		s := ents[i]
		if len(e.Mentions) > 0 {
			b.add(art, ontology.SchemaMentions, s)
		}
		for _, mt := range e.Mentions {
			begin, end := b.chars(mt.Start), b.chars(mt.End)
			mi := iri(fmt.Sprintf("%s#char=%d,%d", art.String(), begin, end))
			b.add(mi, ontology.Type, iri(ontology.Mention))
			b.add(mi, ontology.RefersTo, s)
			b.add(mi, ontology.NIFAnchorOf, str(mt.Text))
			b.span(mi, art, mt.Span, mt.Sentence)
		}
	}
	for i, c := range doc.Claims {
		s := iri(fmt.Sprintf("%s/claim/%d", art.String(), i+1))
		b.add(s, ontology.Type, iri(ontology.Claim))
		b.add(s, ontology.Type, iri(ontology.SchemaClaim))
		if c.Speaker >= 0 {
			b.add(s, ontology.Speaker, ents[c.Speaker])
		}
		b.add(s, ontology.ClaimText, str(c.Text))
		b.add(s, ontology.Cue, str(c.Cue.Text))
		if c.Mode == extract.Direct {
			b.add(s, ontology.Mode, iri(ontology.Direct))
		} else {
			b.add(s, ontology.Mode, iri(ontology.Indirect))
		}
		if c.Polarity == extract.Negative {
			b.add(s, ontology.Polarity, iri(ontology.Negative))
		} else {
			b.add(s, ontology.Polarity, iri(ontology.Positive))
		}
		b.span(s, art, c.Span, c.Sentence)
	}
	for i, ev := range doc.Events {
		s := iri(fmt.Sprintf("%s/event/%d", art.String(), i+1))
		b.add(s, ontology.Type, iri(ontology.EventClass(ev.Type)))
		b.add(s, ontology.Type, iri(ontology.Event))
		b.add(s, ontology.Type, iri(ontology.SEMEvent))
		b.add(s, ontology.Type, iri(ontology.SchemaEvent))
		b.add(s, ontology.Trigger, str(ev.Text))
		for _, p := range ev.Participants {
			b.add(s, ontology.Participant, ents[p])
		}
		if ev.Place >= 0 {
			b.add(s, ontology.EventPlace, ents[ev.Place])
		}
		switch ev.Date.Precision {
		case extract.Day:
			b.add(s, ontology.Date, typed(ev.Date.String(), ontology.XSDDate))
		case extract.Month:
			b.add(s, ontology.Date, typed(ev.Date.String(), ontology.XSDGYearMonth))
		case extract.Year:
			b.add(s, ontology.Date, typed(ev.Date.String(), ontology.XSDGYear))
		}
		b.span(s, art, ev.Span, ev.Sentence)
	}
	return b.out
}

// entityClass is the newskg class of an entity type.
func entityClass(t extract.EntityType) string {
	if c, ok := entityClasses[t]; ok {
		return c
	}
	return ontology.Place
}

var entityClasses = map[extract.EntityType]string{extract.Person: ontology.Person,
	extract.Organisation: ontology.Organisation, extract.Place: ontology.Place}

// schemaClass is the schema.org class beside a newskg entity class.
func schemaClass(class string) string { return schemaClasses[class] }

var schemaClasses = map[string]string{ontology.Person: ontology.SchemaPerson,
	ontology.Organisation: ontology.SchemaOrganization, ontology.Place: ontology.SchemaPlace}

// withNationalities returns doc with an entity for each country that is
// a person's nationality but no entity of the article, because the
// article names it only by its demonym ("the Canadian minister"): the
// graph keeps the nationality, with the country's type and label. doc
// itself is not changed.
func withNationalities(doc *extract.Document) *extract.Document {
	var extra map[string]int
	var ents []extract.Entity
	for i, e := range doc.Entities {
		if e.Nationality >= 0 || e.Country == "" {
			continue
		}
		if ents == nil {
			ents = slices.Clone(doc.Entities)
			extra = map[string]int{}
		}
		n, ok := extra[e.Country]
		if !ok {
			n = len(ents)
			extra[e.Country] = n
			ents = append(ents, extract.Entity{Type: extract.Place, Name: e.Country, Nationality: -1})
		}
		ents[i].Nationality = n
	}
	if ents == nil {
		return doc
	}
	d := *doc
	d.Entities = ents
	return &d
}

// entities states what the document says of its entities: types, names,
// roles and nationality. Two entities of the article may mint one IRI
// ("Iraqi Security Forces" and "Iraqi security forces"): the first one's
// name is the label, the others' names are alternative labels, so that an
// entity has one label.
func (b *builder) entities(doc *extract.Document, ents []rdf.IRI) {
	labelled := make(map[rdf.IRI]bool, len(ents))
	for i, e := range doc.Entities {
		s := ents[i]
		first := !labelled[s]
		labelled[s] = true
		class := entityClass(e.Type)
		b.add(s, ontology.Type, iri(class))
		b.add(s, ontology.Type, iri(schemaClass(class)))
		if first {
			b.add(s, ontology.Label, str(e.Name))
			b.add(s, ontology.SchemaName, str(e.Name))
		} else {
			b.add(s, ontology.AltLabel, str(e.Name))
		}
		for _, al := range e.Aliases {
			b.add(s, ontology.AltLabel, str(al))
		}
		for _, r := range e.Roles {
			b.add(s, ontology.Role, str(r))
		}
		if e.Nationality >= 0 {
			b.add(s, ontology.Nationality, ents[e.Nationality])
		}
	}
}

// records states the same as entities as one entity record per entity
// IRI, numbered in order of first appearance, under the article's IRI.
func (b *builder) records(art rdf.IRI, doc *extract.Document, ents []rdf.IRI) {
	number := make(map[rdf.IRI]int, len(ents))
	said := map[rdf.Triple]bool{}
	add := func(s rdf.IRI, p string, o rdf.Object) {
		t := rdf.Triple{Subj: s, Pred: iri(p), Obj: o}
		if !said[t] {
			said[t] = true
			b.add(s, p, o)
		}
	}
	for i, e := range doc.Entities {
		n, seen := number[ents[i]]
		if !seen {
			n = len(number) + 1
			number[ents[i]] = n
		}
		rec := iri(fmt.Sprintf("%s/entity/%d", art.String(), n))
		if !seen {
			add(rec, ontology.Type, iri(ontology.EntityRecord))
			add(rec, ontology.RecordOf, ents[i])
			add(rec, ontology.RecordedType, iri(entityClass(e.Type)))
			add(rec, ontology.RecordedLabel, str(e.Name))
		} else if e.Name != "" {
			add(rec, ontology.RecordedAltLabel, str(e.Name))
		}
		for _, al := range e.Aliases {
			add(rec, ontology.RecordedAltLabel, str(al))
		}
		for _, r := range e.Roles {
			add(rec, ontology.RecordedRole, str(r))
		}
		if e.Nationality >= 0 {
			add(rec, ontology.RecordedNationality, ents[e.Nationality])
		}
	}
}

// ContentHash is the nkg:contentHash written for an article whose
// extraction hash (extract.Extractor.Hash) is h: it also names the
// ontology version, so that a store written by an older writer is
// rewritten even when extraction is unchanged.
func ContentHash(h string) string { return h + "+nkg-" + ontology.Version }

// builder collects triples, converting byte offsets to code points.
type builder struct {
	text  string
	out   []rdf.Triple
	index *charIndex
}

// add adds a triple, and the same with the standard super-property of
// p, when the ontology aligns p to one (see ontology.SuperProperty).
func (b *builder) add(s rdf.Subject, p string, o rdf.Object) {
	b.out = append(b.out, rdf.Triple{Subj: s, Pred: iri(p), Obj: o})
	if super, ok := ontology.SuperProperty(p); ok {
		b.out = append(b.out, rdf.Triple{Subj: s, Pred: iri(super), Obj: o})
	}
}

func (b *builder) span(s rdf.IRI, art rdf.IRI, sp extract.Span, sentence int) {
	b.add(s, ontology.ArticleOf, art)
	b.add(s, ontology.NIFReference, art)
	b.add(s, ontology.NIFBeginIndex, typed(strconv.Itoa(b.chars(sp.Start)), ontology.XSDNonNegInt))
	b.add(s, ontology.NIFEndIndex, typed(strconv.Itoa(b.chars(sp.End)), ontology.XSDNonNegInt))
	b.add(s, ontology.Sentence, typed(strconv.Itoa(sentence+1), ontology.XSDInteger))
}

// chars converts a byte offset of the text to a code point offset.
func (b *builder) chars(off int) int {
	if b.index == nil {
		b.index = newCharIndex(b.text)
	}
	return b.index.chars(off)
}

// charIndex converts byte offsets of a text to code point offsets in time
// independent of the text's length: it keeps, every checkEvery bytes, the
// byte offset of the next character start and the characters before it.
type charIndex struct {
	text   string
	bytes  []int // checkpoint byte offsets, each a character start
	counts []int // code points before each checkpoint
}

const checkEvery = 256

func newCharIndex(text string) *charIndex {
	x := &charIndex{text: text}
	pos, n := 0, 0
	for k := 0; k*checkEvery <= len(text); k++ {
		target := k * checkEvery
		for pos < target {
			_, size := utf8.DecodeRuneInString(text[pos:])
			pos += size
			n++
		}
		x.bytes = append(x.bytes, pos)
		x.counts = append(x.counts, n)
	}
	return x
}

// chars returns the number of code points before byte offset off, which
// must be a character boundary.
func (x *charIndex) chars(off int) int {
	i := off / checkEvery
	if i >= len(x.bytes) {
		i = len(x.bytes) - 1
	}
	for i > 0 && x.bytes[i] > off {
		i--
	}
	return x.counts[i] + utf8.RuneCountInString(x.text[x.bytes[i]:off])
}

func iri(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		// the minter only builds valid IRIs; a failure is a bug
		panic(fmt.Sprintf("newskg: invalid IRI %q: %v", s, err))
	}
	return i
}

func str(s string) rdf.Literal { return typed(s, ontology.XSDString) }

func typed(v, dt string) rdf.Literal { return rdf.NewTypedLiteral(v, iri(dt)) }

// validIRI reports whether s can stand between < and > in Turtle and
// N-Triples: an absolute IRI without spaces, controls or the characters
// <>"{}|^`\.
func validIRI(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	for _, c := range s {
		if c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c) {
			return false
		}
	}
	return true
}
