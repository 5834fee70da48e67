import type { AdminMessages } from './admin.zh-CN';

/** Strings of the administration pages: units, jurisdictions, staff accounts, kinds' time limits (English). */
export const adminEn: AdminMessages = {
  menu: { group: 'Administration', units: 'Units and areas', staff: 'Staff accounts', kinds: 'Time limits', calendar: 'Holiday calendar' },
  common: {
    edit: 'Edit', save: 'Save', cancel: 'Cancel', create: 'New', saved: 'Saved', active: 'Active', inactive: 'Inactive',
    required: 'Enter {label}', none: '—',
  },
  calendarMissing: 'The holiday calendar for {year} is not loaded. Load it once the State Council notice is out (usually in November); until then deadlines in that year count weekends only.',
  calendarGo: 'Load it',
  units: {
    title: 'Units and areas', unitsTitle: 'Units', code: 'Code', name: 'Name', kind: 'Kind', parent: 'Parent unit', jurisdiction: 'Area',
    scope: 'Scope', phone: 'Phone', address: 'Address', status: 'Status', staffCount: 'Active staff', openMatters: 'Open matters',
    portal: 'Receives portal submissions', createTitle: 'New unit', editTitle: 'Edit unit: {name}', noParent: '(none)',
    codeHint: 'Starts with a lower-case letter; letters, digits and _; cannot be changed later', phoneInvalid: 'Enter a mobile number or a landline with its area code',
    deactivateHint: 'A unit with open matters or active staff cannot be deactivated',
    kinds: {
      bureau: 'Bureau', command_centre: 'Command centre', petition_office: 'Petition office', mediation_centre: 'Mediation centre',
      supervision_office: 'Supervision office', department: 'Department', station: 'Police station',
    },
    scopes: { county: 'Whole county', jurisdiction: 'Own area' },
  },
  jurisdictions: {
    title: 'Areas', code: 'Code', name: 'Name', kind: 'Kind', boundary: 'Boundary', points: '{n} points', noBoundary: 'Not drawn',
    units: 'Units', editTitle: 'Edit area: {name}',
    boundaryHint: 'One point per line: longitude,latitude (e.g. 113.615,28.872), at least 3 distinct points; the last may repeat the first. Leave empty to keep the boundary.',
    boundaryInvalid: 'Line {line} must read "longitude,latitude"',
    kinds: { county: 'County', station: 'Station area' },
  },
  staff: {
    title: 'Staff accounts', search: 'Name, username or badge no.', unit: 'Unit', role: 'Role', status: 'Status', username: 'Username', name: 'Name',
    badgeNo: 'Badge no.', roles: 'Roles', locked: 'Locked until {at}', passwordChangedAt: 'Password changed',
    createTitle: 'New staff member', editTitle: 'Edit: {name}', password: 'Initial password',
    passwordHint: 'At least 8 characters from at least 3 of: upper case, lower case, digits, symbols', usernameHint: '3–32 lower-case letters, digits or . _ -; cannot be changed later',
    statuses: { active: 'Active', disabled: 'Disabled' },
    created: 'Created {name}', changeNote: 'Saving ends all of this person’s sessions; they must log in again.',
    reset: 'Reset password', resetTitle: 'Reset password: {name}', resetGenerate: 'Generate a temporary password', resetTyped: 'Type a new password',
    newPassword: 'New password', resetConfirm: 'Reset', resetNote: 'Resetting ends all of this person’s sessions.',
    tempTitle: 'Temporary password (shown this once)', tempNote: 'Tell {name} in person or over a secure channel, and ask them to change it soon. It cannot be shown again once closed.',
    copy: 'Copy', copied: 'Copied', resetDone: 'Password reset', total: '{total} in all',
  },
  kinds: {
    title: 'Time limits', note: 'Changes apply to matters received from now on; deadlines of matters already received keep the rule they were computed with.',
    version: 'Version {version}', nameZh: 'Chinese name', nameEn: 'English name', publicSubmission: 'The public may submit online', reopenWindowDays: 'Reopening window (days after closing)',
    pauseReasons: 'Reasons to pause the clock', stages: 'Stages', amount: 'Limit', unit: 'Unit', rollForward: 'Roll forward past holidays',
    startsOn: 'Starts', endsOn: 'Ends', extension: 'Extension on approval',
    save: 'Save {name}', saved: 'Saved "{name}"; applies to matters received from now on',
    units: { hour: 'hours', calendar_day: 'calendar days', working_day: 'working days', month: 'months' },
    starts: { received: 'on receipt', accepted: 'on acceptance', review_requested: 'on a review request', re_review_requested: 'on a re-review request' },
    ends: { accepted: 'acceptance', replied: 'reply', routed: 'routing or the acceptance decision' },
  },
};
