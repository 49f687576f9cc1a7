// Package extract reads news articles and finds who is involved (people,
// organisations, places), what happened (events) and who said what (claims).
//
// # Positions
//
// Everything extract returns knows where it came from. Spans are byte offsets
// into Article.Text, and for any mention, claim or event x of a Document d:
//
//	d.Article.Text[x.Start:x.End] == x.Text
//
// # Pipeline
//
// An Extractor runs, in order: sentence segmentation and tokenisation
// (prose) and part-of-speech tagging (prose's model, read by package
// extract/internal/postag); a reading of capitalised runs by hand-written rules
// over tags and the lexicons in data/; the entity tagger (package
// extract/ner), which reads each token with the rules' label and gazetteer
// facts as features and decides the mentions; alias merging within the
// article, with one type per name; claim detection (quotes and reported
// speech with their speakers); and event detection (the trigger lexicon,
// learnt triggers and the event model, with participants, place and a
// date resolved against the publication date). What was learnt from
// annotated articles (the tagger, the trigger table and the event model)
// is shipped in data/ and made by `newskg train` (package extract/train);
// NewWith takes other learnt parts. An Extractor is safe for concurrent
// use.
package extract

import "time"

// EntityType is the kind of a named entity.
type EntityType string

// Entity types.
const (
	Person       EntityType = "Person"
	Organisation EntityType = "Organisation"
	Place        EntityType = "Place"
)

// Mode says whether a claim is quoted or reported.
type Mode string

// Claim modes.
const (
	Direct   Mode = "direct"
	Indirect Mode = "indirect"
)

// Polarity says whether a claim asserts or denies.
type Polarity string

// Claim polarities.
const (
	Positive Polarity = "positive"
	Negative Polarity = "negative"
)

// Span is a piece of the article text. Start and End are byte offsets into
// Article.Text, Text is Article.Text[Start:End].
type Span struct {
	Start, End int
	Text       string
}

// Document is what extraction found in one article.
type Document struct {
	Article Article
	// Hash identifies the article's content and the rules that read it
	// (see Extractor.Hash).
	Hash      string
	Sentences []Span
	Entities  []Entity
	Claims    []Claim
	Events    []Event
}

// Entity is one real person, organisation or place named in the article,
// however many times and by however many names.
type Entity struct {
	Type EntityType
	// Name is the fullest name the article uses.
	Name string
	// Aliases are the other names used, in order of first use.
	Aliases []string
	// Roles are titles and roles the article gives a person.
	Roles []string
	// Nationality is the index in Document.Entities of the country a title
	// ties a person to ("US President"), or -1.
	Nationality int
	// Country is the name of that country. It is also set when the article
	// names the country only by its demonym ("the Canadian minister Jo
	// Roe"): such a country is no entity of the article (annotators do not
	// list it), and Nationality is -1.
	Country  string
	Mentions []Mention
	// Local is true for a body the article names by a common noun only
	// ("police", "state media"): the same words in another article may
	// name another body, so its identity holds within the article.
	Local bool
}

// Mention is one place where the article names an entity.
type Mention struct {
	Span
	Sentence int // index into Document.Sentences
}

// Claim is a statement the article attributes to a source.
type Claim struct {
	// Span is the claimed content as it stands in the text, without the cue,
	// speaker and enclosing quotation marks. A quote split by its attribution
	// ("A," he said, "B.") is two claims, A and B, of one speaker and cue,
	// as the annotations count them.
	Span
	// Speaker is the index in Document.Entities of who says it, or -1 when
	// no entity could be found.
	Speaker int
	// SpeakerSpan is the text naming the speaker at the claim (a name, a
	// pronoun or a role noun); zero when not found.
	SpeakerSpan Span
	// Cue is the reporting word ("said", "told") as it stands in the text.
	Cue      Span
	Mode     Mode
	Polarity Polarity
	Sentence int
}

// Event is a happening the article reports.
type Event struct {
	// Type is one of the event types of the ontology ("Meeting", "Visit", ...,
	// "Other").
	Type string
	// Span is the trigger: the word or phrase that names the event.
	Span
	// Participants are indices in Document.Entities.
	Participants []int
	// Place is the index in Document.Entities of where it happened, or -1.
	Place int
	// Date is when it happened, at the precision the text gives; zero when
	// the text says nothing or the publication date is unknown.
	Date     Date
	Sentence int
}

// Precision of a Date.
type Precision int

// Date precisions.
const (
	NoDate Precision = iota
	Year
	Month
	Day
)

// Date is a calendar date known to the year, month or day.
type Date struct {
	Time      time.Time
	Precision Precision
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == NoDate }

// String returns the date in ISO 8601 at its precision: "2019-12-10",
// "2019-12" or "2019"; "" when unknown.
func (d Date) String() string {
	switch d.Precision {
	case Day:
		return d.Time.Format("2006-01-02")
	case Month:
		return d.Time.Format("2006-01")
	case Year:
		return d.Time.Format("2006")
	}
	return ""
}
