// name: known-files
// description: Which of these files (by sha256) are loaded already, by this kg version:
//   those are unchanged and need not even be parsed.
// param: shas: list of strings — sha256 of each file's bytes
// param: loader: string — the kg version that would load them
// returns: sha, source
UNWIND $shas AS sha
MATCH (s:Source {file_sha256: sha})
WHERE s.loader = $loader
RETURN sha, s.id AS source
