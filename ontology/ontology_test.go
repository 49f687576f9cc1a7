package ontology

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestOntologyDocumentsEveryTerm parses the ontology and checks that every
// newskg term the code writes is declared with a label and a comment, and
// aligned to a standard vocabulary where the design asks for it.
func TestOntologyDocumentsEveryTerm(t *testing.T) {
	dec := rdf.NewTripleDecoder(bytes.NewReader(Turtle()), rdf.Turtle)
	facts := map[string]map[string][]string{}
	for {
		tr, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("ontology does not parse: %v", err)
		}
		s, p := tr.Subj.String(), tr.Pred.String()
		if facts[s] == nil {
			facts[s] = map[string][]string{}
		}
		facts[s][p] = append(facts[s][p], tr.Obj.String())
	}
	terms := []string{Article, Mention, Entity, Person, Organisation, Place, Claim, Event,
		ArticleOf, RefersTo, Sentence, Publisher, ContentHash, Role, Nationality, Speaker, ClaimText, Cue, Mode, Polarity,
		Trigger, Participant, EventPlace, Date, Direct, Indirect, Positive, Negative,
		EntityRecord, RecordOf, RecordedType, RecordedLabel, RecordedAltLabel, RecordedRole, RecordedNationality}
	for _, ty := range EventTypes() {
		terms = append(terms, EventClass(ty))
	}
	for _, term := range terms {
		f := facts[term]
		if len(f[Label]) == 0 || len(f[RDFS+"comment"]) == 0 {
			t.Errorf("%s: no rdfs:label or rdfs:comment", term)
		}
	}
	aligned := map[string]string{
		Person: SchemaPerson, Organisation: SchemaOrganization, Place: SchemaPlace, Event: SEMEvent,
		Claim: SchemaClaim, Article: SchemaNewsArticle,
	}
	for term, std := range aligned {
		if !contains(facts[term][RDFS+"subClassOf"], std) {
			t.Errorf("%s is not a subclass of %s", term, std)
		}
	}
	subProps := map[string]string{Speaker: PROV + "wasAttributedTo", ClaimText: SchemaText, Participant: SEM + "hasActor",
		EventPlace: SEM + "hasPlace", Date: SEM + "hasTimeStamp", Role: Schema + "jobTitle"}
	for term, std := range subProps {
		if !contains(facts[term][RDFS+"subPropertyOf"], std) {
			t.Errorf("%s is not a subproperty of %s", term, std)
		}
	}
	if v := facts[OntologyIRI][OWL+"versionInfo"]; len(v) != 1 {
		t.Errorf("ontology version: %v", v)
	}
	if EventClass("Nonsense") != NS+"Other" || !strings.HasSuffix(EventClass("PressConference"), "#PressConference") {
		t.Error("EventClass")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestVersionMatchesTheDocument keeps Version and owl:versionInfo equal.
func TestVersionMatchesTheDocument(t *testing.T) {
	if want := `owl:versionInfo "` + Version + `"`; !strings.Contains(string(Turtle()), want) {
		t.Errorf("the ontology document has no %s", want)
	}
}

// TestSuperPropertiesMatchTheDocument holds SuperProperty to the
// ontology's rdfs:subPropertyOf statements, both ways.
func TestSuperPropertiesMatchTheDocument(t *testing.T) {
	dec := rdf.NewTripleDecoder(bytes.NewReader(Turtle()), rdf.Turtle)
	doc := map[string]string{}
	for {
		tr, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if tr.Pred.String() == RDFS+"subPropertyOf" {
			doc[tr.Subj.String()] = tr.Obj.String()
		}
	}
	for p, super := range doc {
		if got, ok := SuperProperty(p); !ok || got != super {
			t.Errorf("%s: SuperProperty gives %q, the ontology %s", p, got, super)
		}
	}
	for _, p := range []string{ArticleOf, RefersTo, Sentence, Publisher, ContentHash, Role, Nationality, Speaker,
		ClaimText, Cue, Mode, Polarity, Trigger, Participant, EventPlace, Date} {
		if super, ok := SuperProperty(p); ok && doc[p] != super {
			t.Errorf("%s: SuperProperty gives %s, which the ontology does not state", p, super)
		}
	}
}
