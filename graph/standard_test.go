package graph

import (
	"sort"
	"strings"
	"testing"

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
