package testcluster

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
)

// readCA reads the CA certificate out of the apiserver's self-generated
// apiserver.crt, which holds the serving certificate followed by the CA
// that signed it. Clients could trust the whole file, but the
// controller-manager publishes its --root-ca-file as a trust bundle, which
// must hold CA certificates only.
func readCA(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ca []byte
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err == nil && cert.IsCA {
			ca = append(ca, pem.EncodeToMemory(block)...)
		}
	}
	if ca == nil {
		return nil, fmt.Errorf("no CA certificate in %q yet", path)
	}
	return ca, nil
}
