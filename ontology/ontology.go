// Package ontology holds the newskg vocabulary: the Turtle document that
// defines it (embedded, see Turtle) and Go constants for the IRIs of its terms
// and of the standard vocabularies newskg writes beside them.
//
// Every class and property is aligned to schema.org, SEM, PROV-O, SKOS or NIF
// by rdfs:subClassOf or rdfs:subPropertyOf, so that RDF tools that know
// nothing of newskg still understand its output.
package ontology

import (
	_ "embed"
)

//go:embed newskg.ttl
var turtle []byte

// Version is the ontology's owl:versionInfo.
const Version = "0.3.0"

// Turtle returns a copy of the ontology as a Turtle document.
func Turtle() []byte { return append([]byte(nil), turtle...) }

// IRI of the ontology document itself.
const OntologyIRI = "https://w3id.org/newskg/ns"

// Namespaces of the vocabularies newskg writes.
const (
	NS     = "https://w3id.org/newskg/ns#"
	RDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	OWL    = "http://www.w3.org/2002/07/owl#"
	XSD    = "http://www.w3.org/2001/XMLSchema#"
	SKOS   = "http://www.w3.org/2004/02/skos/core#"
	Schema = "http://schema.org/"
	SEM    = "http://semanticweb.cs.vu.nl/2009/11/sem/"
	PROV   = "http://www.w3.org/ns/prov#"
	NIF    = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
	DCT    = "http://purl.org/dc/terms/"
	ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
)

// Prefixes maps the prefix newskg writes in Turtle to its namespace.
func Prefixes() map[string]string {
	return map[string]string{
		"nkg": NS, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS,
		"schema": Schema, "sem": SEM, "prov": PROV, "nif": NIF, "dct": DCT, "itsrdf": ITSRDF,
	}
}

// Standard terms.
const (
	Type     = RDF + "type"
	Label    = RDFS + "label"
	AltLabel = SKOS + "altLabel"

	XSDString     = XSD + "string"
	XSDInteger    = XSD + "integer"
	XSDNonNegInt  = XSD + "nonNegativeInteger"
	XSDDate       = XSD + "date"
	XSDGYearMonth = XSD + "gYearMonth"
	XSDGYear      = XSD + "gYear"

	SchemaPerson        = Schema + "Person"
	SchemaOrganization  = Schema + "Organization"
	SchemaPlace         = Schema + "Place"
	SchemaEvent         = Schema + "Event"
	SchemaClaim         = Schema + "Claim"
	SchemaNewsArticle   = Schema + "NewsArticle"
	SchemaDatePublished = Schema + "datePublished"
	SchemaHeadline      = Schema + "headline"
	SchemaURL           = Schema + "url"
	SchemaIdentifier    = Schema + "identifier"
	SchemaMentions      = Schema + "mentions"
	SchemaText          = Schema + "text"

	SEMEvent = SEM + "Event"

	NIFBeginIndex = NIF + "beginIndex"
	NIFEndIndex   = NIF + "endIndex"
	NIFAnchorOf   = NIF + "anchorOf"
	NIFContext    = NIF + "Context"
	NIFIsString   = NIF + "isString"
	NIFReference  = NIF + "referenceContext"
)

// newskg classes.
const (
	Article      = NS + "Article"
	Mention      = NS + "Mention"
	Entity       = NS + "Entity"
	Person       = NS + "Person"
	Organisation = NS + "Organisation"
	Place        = NS + "Place"
	Claim        = NS + "Claim"
	Event        = NS + "Event"
	EntityRecord = NS + "EntityRecord"
)

// newskg properties.
const (
	ArticleOf   = NS + "article"
	RefersTo    = NS + "refersTo"
	Sentence    = NS + "sentence"
	Publisher   = NS + "publisher"
	ContentHash = NS + "contentHash"
	Role        = NS + "role"
	Nationality = NS + "nationality"
	Speaker     = NS + "speaker"
	ClaimText   = NS + "claimText"
	Cue         = NS + "cue"
	Mode        = NS + "mode"
	Polarity    = NS + "polarity"
	Trigger     = NS + "trigger"
	Participant = NS + "participant"
	EventPlace  = NS + "place"
	Date        = NS + "date"

	// entity records (see EntityRecord)
	RecordOf            = NS + "recordOf"
	RecordedType        = NS + "recordedType"
	RecordedLabel       = NS + "recordedLabel"
	RecordedAltLabel    = NS + "recordedAltLabel"
	RecordedRole        = NS + "recordedRole"
	RecordedNationality = NS + "recordedNationality"
)

// SchemaName is schema.org's name, written beside rdfs:label.
const SchemaName = Schema + "name"

// SuperProperty gives, for each newskg property aligned to a standard one
// by rdfs:subPropertyOf, that standard property. The data states both, so
// that a tool without RDFS reasoning finds "who said what" through
// prov:wasAttributedTo and schema:text, and actors through sem:hasActor.
// TestSuperPropertiesMatchTheDocument holds it equal to the ontology.
func SuperProperty(p string) (string, bool) {
	switch p {
	case ArticleOf:
		return PROV + "wasDerivedFrom", true
	case RefersTo:
		return ITSRDF + "taIdentRef", true
	case Role:
		return Schema + "jobTitle", true
	case Nationality:
		return Schema + "nationality", true
	case Speaker:
		return PROV + "wasAttributedTo", true
	case ClaimText:
		return SchemaText, true
	case Participant:
		return SEM + "hasActor", true
	case EventPlace:
		return SEM + "hasPlace", true
	case Date:
		return SEM + "hasTimeStamp", true
	}
	return "", false
}

// Values of Mode and Polarity.
const (
	Direct   = NS + "direct"
	Indirect = NS + "indirect"
	Positive = NS + "positive"
	Negative = NS + "negative"
)

// EventTypes lists the event classes, by local name, in the order of the
// annotation format. Each is a subclass of Event; Other is the fallback.
func EventTypes() []string {
	return []string{"Meeting", "PressConference", "Visit", "Election", "Investigation",
		"Publication", "Conflict", "Attack", "Protest", "Rally", "Agreement", "Sanction",
		"Appointment", "Legal", "Death", "Other"}
}

// EventClass returns the IRI of the event class with the given local name,
// or the IRI of Other when the name is not an event type.
func EventClass(name string) string {
	for _, t := range EventTypes() {
		if t == name {
			return NS + t
		}
	}
	return NS + "Other"
}
