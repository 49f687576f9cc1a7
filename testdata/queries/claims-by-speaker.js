// Who said what, and where: every claim with its speaker's name, the cue,
// the mode, the claimed text and the article it comes from.
var nkg = "https://w3id.org/newskg/ns#";
var rdfs = "http://www.w3.org/2000/01/rdf-schema#";

g.V()
  .Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<" + nkg + "Claim>").Tag("claim")
  .Save("<" + nkg + "claimText>", "text")
  .Save("<" + nkg + "cue>", "cue")
  .Save("<" + nkg + "mode>", "mode")
  .Save("<" + nkg + "article>", "article")
  .Out("<" + nkg + "speaker>")
  .Save("<" + rdfs + "label>", "speaker")
  .All();
