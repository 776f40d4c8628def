package emulator

// Hooks through which the parts of the tenant learn of each other's changes.
// Each part adds its call here.

// seedExtraLocked adds the tenant's built-in objects beyond user attributes.
func (e *Emulator) seedExtraLocked() {
	e.seedResourceRulesLocked()
	e.resetProvisionersLocked()
}

// onGroupDeletedLocked runs after a group is deleted.
func (e *Emulator) onGroupDeletedLocked(id string) {
	e.onGroupDeletedRulesLocked(id)
}

// onApplicationDeletedLocked runs after an application is deleted.
func (e *Emulator) onApplicationDeletedLocked(id string) {
	e.onApplicationDeletedRulesLocked(id)
}
