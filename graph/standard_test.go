package graph

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

// TestStandardTermsGiveTheSameAnswers: "who said what" through
// prov:wasAttributedTo and schema:text, "who took part" through
// sem:hasActor and names through schema:name give what newskg's own terms
// give, on the development articles, for a tool that knows no newskg term.
func TestStandardTermsGiveTheSameAnswers(t *testing.T) {
	var m Minter
	for _, d := range devDocs(t) {
		by := map[string][]string{} // predicate → "subject object" rows
		for _, tr := range m.Triples(d) {
			p := tr.Pred.String()
			by[p] = append(by[p], tr.Subj.String()+" "+tr.Obj.String())
		}
		for ours, std := range map[string]string{
			ontology.Speaker:     ontology.PROV + "wasAttributedTo",
			ontology.ClaimText:   ontology.SchemaText,
			ontology.Participant: ontology.SEM + "hasActor",
			ontology.EventPlace:  ontology.SEM + "hasPlace",
			ontology.Date:        ontology.SEM + "hasTimeStamp",
			ontology.ArticleOf:   ontology.PROV + "wasDerivedFrom",
			ontology.RefersTo:    ontology.ITSRDF + "taIdentRef",
			ontology.Label:       ontology.SchemaName,
		} {
			a, b := by[ours], by[std]
			sort.Strings(a)
			sort.Strings(b)
			if strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("%s: %d rows through %s, %d through %s", d.Article.ID, len(a), ours, len(b), std)
			}
			if ours == ontology.Speaker && len(d.Claims) > 0 && len(b) == 0 {
				t.Errorf("%s: no claim found through %s", d.Article.ID, std)
			}
		}
	}
}

// TestOneLabelPerEntity: two entities of an article that mint one IRI
// give it one label, the other name an alternative label.
func TestOneLabelPerEntity(t *testing.T) {
	d := &extract.Document{Article: extract.Article{ID: "a", Text: "Iraqi Security Forces and Iraqi security forces."},
		Entities: []extract.Entity{
			{Type: extract.Organisation, Name: "Iraqi Security Forces", Nationality: -1},
			{Type: extract.Organisation, Name: "Iraqi security forces", Nationality: -1},
		}}
	var labels, alt []string
	for _, tr := range (Minter{}).Triples(d) {
		switch tr.Pred.String() {
		case ontology.Label:
			labels = append(labels, tr.Subj.String()+" "+tr.Obj.String())
		case ontology.AltLabel:
			alt = append(alt, tr.Obj.String())
		}
	}
	if len(labels) != 1 || len(alt) != 1 || alt[0] != "Iraqi security forces" {
		t.Errorf("labels %q, alternative labels %q", labels, alt)
	}
}

// TestNationalityByDemonym: a country the article names only by its
// demonym is no entity of the document, but the graph keeps it as the
// person's nationality, a place with its label.
func TestNationalityByDemonym(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	d, err := x.Extract(context.Background(), extract.Article{ID: "a", Text: "German Chancellor Anna Berg arrived on Monday."})
	if err != nil {
		t.Fatal(err)
	}
	var m Minter
	germany := m.Entity(extract.Place, "Germany")
	var nationality, label, typed bool
	for _, tr := range m.Triples(d) {
		switch {
		case tr.Pred.String() == ontology.Nationality && tr.Obj.String() == germany:
			nationality = true
		case tr.Subj.String() == germany && tr.Pred.String() == ontology.Label && tr.Obj.String() == "Germany":
			label = true
		case tr.Subj.String() == germany && tr.Pred.String() == ontology.Type && tr.Obj.String() == ontology.Place:
			typed = true
		}
	}
	if !nationality || !label || !typed {
		t.Errorf("nationality %v, label %v, type %v; want all", nationality, label, typed)
	}
}

// TestUnnamedBodiesStayInTheirArticle: "police" in two articles are two
// bodies, minted under each article's IRI, while a named organisation is
// one node across articles.
func TestUnnamedBodiesStayInTheirArticle(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	var m Minter
	speakers := map[string][]string{} // article → speaker IRIs
	for _, id := range []string{"one", "two"} {
		d, err := x.Extract(context.Background(), extract.Article{ID: id,
			Text: "The bridge was closed on Monday, police said. The Acme Corporation said the repairs would take a week."})
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range m.Triples(d) {
			if tr.Pred.String() == ontology.Speaker {
				speakers[id] = append(speakers[id], tr.Obj.String())
			}
		}
		sort.Strings(speakers[id])
	}
	one, two := speakers["one"], speakers["two"]
	if len(one) != 2 || len(two) != 2 {
		t.Fatalf("speakers %q and %q, want two claims in each", one, two)
	}
	wantOne := []string{DefaultBase + "article/one/organisation/police", DefaultBase + "organisation/acme-corporation"}
	wantTwo := []string{DefaultBase + "article/two/organisation/police", DefaultBase + "organisation/acme-corporation"}
	if strings.Join(one, " ") != strings.Join(wantOne, " ") || strings.Join(two, " ") != strings.Join(wantTwo, " ") {
		t.Errorf("speakers %q and %q, want %q and %q", one, two, wantOne, wantTwo)
	}
}

// TestNIFOffsetsResolve: every span's offsets, read in NIF terms alone
// (nif:referenceContext to a nif:Context, its nif:isString, nif:beginIndex
// and nif:endIndex in code points), give back the mention's nif:anchorOf
// and the claim's text.
func TestNIFOffsetsResolve(t *testing.T) {
	var m Minter
	for _, d := range devDocs(t) {
		obj := map[string]map[string]string{} // subject → predicate → object (lexical)
		contexts := map[string]bool{}
		for _, tr := range m.Triples(d) {
			s, p := tr.Subj.String(), tr.Pred.String()
			if obj[s] == nil {
				obj[s] = map[string]string{}
			}
			o := tr.Obj.String()
			if l, ok := tr.Obj.(rdf.Literal); ok {
				o = l.String()
			}
			obj[s][p] = o
			if p == ontology.Type && o == ontology.NIFContext {
				contexts[s] = true
			}
		}
		spans := 0
		for s, props := range obj {
			ctxIRI, ok := props[ontology.NIFReference]
			if !ok {
				continue
			}
			if !contexts[ctxIRI] {
				t.Fatalf("%s: reference context %s is no nif:Context", s, ctxIRI)
			}
			text := []rune(obj[ctxIRI][ontology.NIFIsString])
			b, _ := strconv.Atoi(props[ontology.NIFBeginIndex])
			e, _ := strconv.Atoi(props[ontology.NIFEndIndex])
			if b < 0 || e > len(text) || b > e {
				t.Fatalf("%s: offsets %d-%d outside a text of %d code points", s, b, e, len(text))
			}
			want, ok := props[ontology.NIFAnchorOf]
			if !ok {
				want, ok = props[ontology.ClaimText]
			}
			if ok && string(text[b:e]) != want {
				t.Errorf("%s: text at %d-%d is %q, want %q", s, b, e, string(text[b:e]), want)
			}
			spans++
		}
		if spans == 0 {
			t.Errorf("%s: no span has a nif:referenceContext", d.Article.ID)
		}
	}
}
