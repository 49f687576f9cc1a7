package graph

import (
	"sort"
	"strings"
	"testing"

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
