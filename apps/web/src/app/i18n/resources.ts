/**
 * Every message catalogue of the app, by namespace. The app shell's messages are the default
 * `translation` namespace; each feature keeps its own pair of catalogues beside its code and is
 * registered here with one line, so features never edit each other's files.
 */
import enActionItems from '../../features/action-items/i18n/en.json';
import frActionItems from '../../features/action-items/i18n/fr.json';
import enAdmin from '../../features/admin/i18n/en.json';
import frAdmin from '../../features/admin/i18n/fr.json';
import enAccount from '../../features/account/i18n/en.json';
import frAccount from '../../features/account/i18n/fr.json';
import enAgreements from '../../features/agreements/i18n/en.json';
import frAgreements from '../../features/agreements/i18n/fr.json';
import enAudit from '../../features/audit/i18n/en.json';
import frAudit from '../../features/audit/i18n/fr.json';
import enAuth from '../../features/auth/i18n/en.json';
import frAuth from '../../features/auth/i18n/fr.json';
import enHome from '../../features/home/i18n/en.json';
import frHome from '../../features/home/i18n/fr.json';
import enMeetings from '../../features/meetings/i18n/en.json';
import frMeetings from '../../features/meetings/i18n/fr.json';
import enMemberships from '../../features/memberships/i18n/en.json';
import frMemberships from '../../features/memberships/i18n/fr.json';
import enNotifications from '../../features/notifications/i18n/en.json';
import frNotifications from '../../features/notifications/i18n/fr.json';
import enMinutes from '../../features/minutes/i18n/en.json';
import frMinutes from '../../features/minutes/i18n/fr.json';
import enStatistics from '../../features/statistics/i18n/en.json';
import frStatistics from '../../features/statistics/i18n/fr.json';
import enSituations from '../../features/situations/i18n/en.json';
import frSituations from '../../features/situations/i18n/fr.json';
import en from './en.json';
import fr from './fr.json';

export const resources = {
  en: {
    translation: en,
    auth: enAuth,
    home: enHome,
    account: enAccount,
    audit: enAudit,
    agreements: enAgreements,
    situations: enSituations,
    admin: enAdmin,
    memberships: enMemberships,
    notifications: enNotifications,
    minutes: enMinutes,
    actionItems: enActionItems,
    meetings: enMeetings,
    statistics: enStatistics,
  },
  fr: {
    translation: fr,
    auth: frAuth,
    home: frHome,
    account: frAccount,
    audit: frAudit,
    agreements: frAgreements,
    situations: frSituations,
    admin: frAdmin,
    memberships: frMemberships,
    notifications: frNotifications,
    minutes: frMinutes,
    actionItems: frActionItems,
    meetings: frMeetings,
    statistics: frStatistics,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
