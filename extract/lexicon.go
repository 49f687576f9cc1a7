package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data
var dataFS embed.FS

// cueVerb is one reporting verb form.
type cueVerb struct {
	Lemma string
	Kind  string // speech, finding, post, denial, quote (a cue only beside a quotation)
}

// lexicon is the general knowledge extraction relies on: gazetteers of
// places, titles, organisation and place head words, reporting verbs and
// event triggers. It is read once from the embedded data files.
type lexicon struct {
	// places maps a place name or alias to its canonical name.
	places map[string]string
	// demonyms maps a demonym or adjective ("Russian") to a country name.
	demonyms map[string]string
	// countries holds the canonical names of countries.
	countries map[string]bool
	titles    map[string]bool // "Foreign Minister", lower-cased
	// titleFirst holds the first words of titles (and their plurals).
	titleFirst map[string]bool
	// gaz are the multi-word lists the entity tagger reads (see gazetteers).
	gaz       []gazetteer
	maxTitle  int             // most words in a title
	orgWords  map[string]bool // head words and known organisation names
	placeWord map[string]bool // head words and known place names
	cues      map[string]cueVerb
	triggers  map[string]string // lower-case form → event type
	// handTriggers are the forms of data/events.tsv, before learnt ones.
	handTriggers []string
	maxTrig      int
	nonNames     map[string]bool
	maxPlace     int // most words in a place name
	// capitalOf maps a capital to the country whose government it stands for.
	capitalOf map[string]string
	// givenNames are first names: a run starting with one names a person.
	givenNames map[string]bool
	// nonEntityHeads end names of things that are not entities ("Accord").
	nonEntityHeads map[string]bool
	// adjectives of regions and groups that name no entity ("North American").
	adjectives map[string]bool
	// groupNouns after a country name a body of it ("German officials").
	groupNouns map[string]bool
	// gazetteers from open data, read by the entity tagger as features:
	// given names and surnames of many countries, and places with their
	// population band (s, m, l).
	gazGiven, gazSurname map[string]bool
	gazPlaces            map[string]string
	maxGazPlace          int
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		places: map[string]string{}, demonyms: map[string]string{}, countries: map[string]bool{},
		titles: map[string]bool{}, titleFirst: map[string]bool{}, orgWords: map[string]bool{}, placeWord: map[string]bool{},
		cues: map[string]cueVerb{}, triggers: map[string]string{}, nonNames: map[string]bool{},
		capitalOf: map[string]string{}, givenNames: map[string]bool{}, nonEntityHeads: map[string]bool{},
		adjectives: map[string]bool{}, groupNouns: map[string]bool{},
		gazGiven: map[string]bool{}, gazSurname: map[string]bool{}, gazPlaces: map[string]string{},
	}
	err := readData("data/countries.tsv", func(f []string) error {
		name := f[0]
		lx.countries[name] = true
		lx.addPlace(name, name)
		if len(f) > 1 {
			for _, a := range splitList(f[1]) {
				lx.addPlace(a, name)
			}
		}
		if len(f) > 2 {
			for _, d := range splitList(f[2]) {
				lx.demonyms[d] = name
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := readData("data/places.txt", func(f []string) error {
		names := splitList(f[0])
		for _, n := range names {
			lx.addPlace(n, names[0])
		}
		if len(f) > 1 {
			if !lx.countries[f[1]] {
				return fmt.Errorf("capital %s: %q is not in countries.tsv", names[0], f[1])
			}
			lx.capitalOf[names[0]] = f[1]
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readData("data/titles.txt", func(f []string) error {
		t := strings.ToLower(f[0])
		lx.titles[t] = true
		first, _, _ := strings.Cut(t, " ")
		lx.titleFirst[first], lx.titleFirst[first+"s"] = true, true
		lx.maxTitle = max(lx.maxTitle, len(strings.Fields(t)))
		return nil
	}); err != nil {
		return nil, err
	}
	for name, set := range map[string]map[string]bool{
		"data/orgwords.txt": lx.orgWords, "data/placewords.txt": lx.placeWord, "data/givennames.txt": lx.givenNames,
		"data/nonentityheads.txt": lx.nonEntityHeads, "data/groupnouns.txt": lx.groupNouns,
		"data/adjectives.txt": lx.adjectives, "data/nonnames.txt": lx.nonNames,
		"data/gaz-given.txt": lx.gazGiven, "data/gaz-surnames.txt": lx.gazSurname,
	} {
		if err := readData(name, func(f []string) error { set[f[0]] = true; return nil }); err != nil {
			return nil, err
		}
	}
	if err := readData("data/gaz-places.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want name and population band, got %d fields", len(f))
		}
		lx.gazPlaces[f[0]] = f[1]
		lx.maxGazPlace = max(lx.maxGazPlace, len(strings.Fields(f[0])))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readData("data/cues.tsv", func(f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want lemma, forms and kind, got %d fields", len(f))
		}
		for _, form := range splitList(f[1]) {
			lx.cues[form] = cueVerb{Lemma: f[0], Kind: f[2]}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readData("data/events.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want forms and type, got %d fields", len(f))
		}
		for _, form := range splitList(f[0]) {
			lx.triggers[form] = f[1]
			lx.handTriggers = append(lx.handTriggers, form)
			lx.maxTrig = max(lx.maxTrig, len(strings.Fields(form)))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	lx.gaz = withLabels(lx.gazetteers())
	return lx, nil
}

// mayStartTitle reports whether a word can begin a title: a quick test
// before the phrase lookups of title.
func (lx *lexicon) mayStartTitle(w string) bool {
	w = strings.ToLower(w)
	for _, pre := range []string{"then-", "ex-", "former-", "acting-"} {
		if strings.HasPrefix(w, pre) {
			return true
		}
	}
	return lx.titleFirst[w]
}

// title reports whether a phrase is a title, also in the plural
// ("Presidents") and with a time prefix ("then-prime-minister", "ex-minister").
func (lx *lexicon) title(phrase string) bool {
	p := strings.ToLower(phrase)
	for _, pre := range []string{"then-", "ex-", "former-", "acting-"} {
		if rest, ok := strings.CutPrefix(p, pre); ok {
			p = strings.ReplaceAll(rest, "-", " ")
		}
	}
	return lx.titles[p] || strings.HasSuffix(p, "s") && lx.titles[p[:len(p)-1]]
}

// learnTriggers adds learnt triggers to the hand-made ones: a learnt type
// wins over the hand-made one, and a form marked NotTrigger is dropped.
func (lx *lexicon) learnTriggers(t Triggers) {
	for _, tr := range t {
		if tr.Type == NotTrigger {
			delete(lx.triggers, tr.Form)
			continue
		}
		lx.triggers[tr.Form] = tr.Type
		lx.maxTrig = max(lx.maxTrig, len(strings.Fields(tr.Form)))
	}
}

func (lx *lexicon) addPlace(name, canonical string) {
	lx.places[name] = canonical
	lx.maxPlace = max(lx.maxPlace, len(strings.Fields(name)))
}

// readData calls fn with the tab-separated fields of each line of an
// embedded data file, skipping blank lines and # comments.
func readData(name string, fn func([]string) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fields := strings.Split(l, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
