package sign

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Subject names of the development signer: loud, so a pack signed with it can never be
// mistaken for a production signature by anyone looking at the certificate.
const (
	DevCommonName   = "ismsgen DEVELOPMENT certificate - not for production"
	DevOrganisation = "ismsgen DEVELOPMENT - not for production"
	devRootName     = "ismsgen DEVELOPMENT root - not for production"
	devValidityDays = 3650
)

// DevSigner returns the development signer kept in dir (for example
// SITE/.ismsgen/dev-signing), creating it on first use as a self-issued root plus a
// signing certificate (ECDSA P-256, valid ten years from now). Later calls load the same
// files; created reports whether they were just made. It lets preview builds be signed
// without any set-up, while the subject names make clear the signature proves nothing.
func DevSigner(dir string, now time.Time) (s Signer, created bool, err error) {
	certPath := filepath.Join(dir, signerCertFile)
	keyPath := filepath.Join(dir, signerKeyFile)
	if _, err := os.Stat(certPath); errors.Is(err, fs.ErrNotExist) {
		_, _, _, err = Keygen(dir, KeygenOptions{
			CommonName:     DevCommonName,
			RootCommonName: devRootName,
			Organisation:   DevOrganisation,
			Days:           devValidityDays,
			ECDSA:          true,
			Now:            now,
		})
		// Another build creating the same signer at the same moment is not an error:
		// fall through and load what it wrote.
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return Signer{}, false, fmt.Errorf("creating development signer in %s: %w", dir, err)
		}
		created = err == nil
	}
	s, err = LoadPEM(certPath, keyPath)
	if err != nil {
		return Signer{}, false, fmt.Errorf("development signer in %s: %w (delete the directory to create a new one)", dir, err)
	}
	if leaf := s.Chain[0]; now.After(leaf.NotAfter) {
		return Signer{}, false, fmt.Errorf("development signer in %s expired on %s; delete the directory to create a new one", dir, leaf.NotAfter.Format(time.DateOnly))
	}
	return s, created, nil
}
