/**
 * Invented names and places for the synthetic data. Places are fictional; people's names are
 * common given and family names in Canada (English and French), combined at random, so any match
 * with a real person is chance.
 */
export const places = [
  'Lakeshore', 'Millbrook', 'Cedar Falls', 'Pine Hollow', 'Eastbrook', 'Westfield',
  'Stonebridge', 'Fairhaven', 'Silver Creek', 'Highland', 'Brookside', 'Elmwood',
  'Harbourview', 'Kingsford', 'Redwater', 'Bayview', 'Meadowvale', 'Ashford', 'Glenview',
  'Southport', 'Clearwater', 'Willowdale', 'Rockport', 'Beaumont', 'Saint-Laurent-du-Lac',
  'Belleville-sur-Mer', 'Grand Portage', 'Maplewood', 'Oak Hill', 'Riverbend',
]; // prettier-ignore

export const givenNames = [
  'Olivia', 'Emma', 'Charlotte', 'Amelia', 'Sophia', 'Chloé', 'Léa', 'Alice', 'Maya', 'Zoé',
  'Liam', 'Noah', 'William', 'Benjamin', 'Lucas', 'Thomas', 'Félix', 'Nathan', 'Samuel', 'Jacob',
  'Aiden', 'Ethan', 'Gabriel', 'Isaac', 'Mila', 'Ava', 'Rosalie', 'Juliette', 'Logan', 'Owen',
  'Priya', 'Arjun', 'Mei', 'Wei', 'Fatima', 'Omar', 'Amara', 'Kwame', 'Sofia', 'Mateo',
]; // prettier-ignore

export const familyNames = [
  'Smith', 'Brown', 'Tremblay', 'Martin', 'Roy', 'Wilson', 'MacDonald', 'Gagnon', 'Johnson',
  'Taylor', 'Côté', 'Campbell', 'Anderson', 'Leblanc', 'Lee', 'Bouchard', 'Gauthier', 'White',
  'Morin', 'Thompson', 'Lavoie', 'Fortin', 'Young', 'Gélinas', 'Singh', 'Patel', 'Nguyen',
  'Chen', 'Wong', 'Ahmed', 'Okafor', 'Mensah', 'Garcia', 'Rodriguez', 'Cardinal', 'Whitehorse',
]; // prettier-ignore

export const streets = [
  'Main Street', 'King Street', 'Queen Street', 'Church Street', 'Maple Avenue',
  'Rue Principale', 'Rue Saint-Jean', 'Park Road', 'Lakeview Drive', 'Station Road',
]; // prettier-ignore

/** How an agency of each sector is named after its place. */
export const agencyNameOf: Record<string, (place: string) => string> = {
  police: (p) => `${p} Police Service`,
  mental_health: (p) => `${p} Mental Health Services`,
  addictions: (p) => `${p} Addiction Services`,
  child_welfare: (p) => `${p} Children's Aid Society`,
  education: (p) => `${p} District School Board`,
  housing: (p) => `${p} Housing Services`,
  probation_parole: (p) => `${p} Probation and Parole`,
  youth_justice: (p) => `${p} Youth Justice Services`,
  hospital: (p) => `${p} General Hospital`,
  public_health: (p) => `${p} Community Health Centre`,
  paramedic: (p) => `${p} Paramedic Services`,
  fire: (p) => `${p} Fire Services`,
  bylaw: (p) => `${p} Bylaw Enforcement`,
  social_services: (p) => `${p} Social Services`,
  victim_services: (p) => `${p} Victim Services`,
  developmental: (p) => `${p} Developmental Services`,
  indigenous: (p) => `${p} Indigenous Friendship Centre`,
  seniors: (p) => `${p} Seniors Support Services`,
  employment: (p) => `${p} Employment Centre`,
  other: (p) => `${p} Community Services`,
};

/** A short de-identified phrase for each risk category, for the summaries of open situations. */
export const categoryPhrases: Record<string, string> = {
  mental_health: 'mental health concerns',
  criminal: 'recent police involvement',
  drugs: 'escalating drug use',
  antisocial: 'threatening behaviour',
  housing: 'no stable housing',
  victimization: 'recently victimized',
  alcohol: 'heavy drinking',
  basic_needs: 'basic needs not met',
  physical_violence: 'violence in the home',
  missing_school: 'missing school for weeks',
  parenting: 'caregivers struggling',
  negative_peers: 'negative peer group',
  suicide: 'risk of suicide',
  self_harm: 'self-harm',
  poverty: 'no income',
  physical_health: 'untreated health problems',
  cognitive: 'cognitive decline',
  supervision: 'lack of supervision',
  emotional_violence: 'emotional abuse',
  social_environment: 'isolated',
  gangs: 'gang association',
  missing_runaway: 'repeatedly runs away',
  public_safety: 'danger to neighbours',
  sexual_violence: 'sexual violence',
  elder_abuse: 'signs of elder abuse',
  unemployment: 'recent job loss',
  gambling: 'gambling debts',
};

export const whoOf: Record<string, string> = {
  '0_5': 'Young child',
  '6_11': 'Child',
  '12_15': 'Young teen',
  '16_17': 'Older teen',
  '18_24': 'Young adult',
  '25_29': 'Adult',
  '30_39': 'Adult',
  '40_59': 'Adult',
  '60_plus': 'Older adult',
  multiple: 'Family',
  unknown: 'Person',
};
