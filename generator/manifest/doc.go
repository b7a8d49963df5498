// Package manifest owns the evidence manifest of a PDF audit pack: which source files
// went into it (path, size, SHA-256), with the generator version, build date and pack
// name, so that an auditor — or `ismsgen verify --source` — can tell exactly which
// sources a signed pack was built from and which have changed since.
package manifest
