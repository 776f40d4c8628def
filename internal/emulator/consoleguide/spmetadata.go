package consoleguide

import _ "embed" // AWSSPMetadataXML

// AWSSPMetadataXML is the SP metadata file AWS IAM Identity Center lets
// you download, as examples/aws-sso has it (a copy, so that the emulator
// binary can seed the guide's tenant without the repository; a test keeps
// the two equal).
//
//go:embed aws-sso-sp-metadata.xml
var AWSSPMetadataXML string
