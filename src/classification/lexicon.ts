// Hand-written cues per label, in French, English, Modern Standard Arabic and Darija (both scripts).
// They carry domain knowledge the 320 development items cannot: a sector word seen once in training
// (or never) still counts. The statistical model (model.ts) weighs them against the n-grams, so a cue
// here is a hint, not a rule. Write words naturally: they are folded like the text (cues.ts).
// A trailing * matches any word starting so ("develop*" matches "developpement", "developing").
import type { Capability, ProjectType, Sector } from './taxonomy.ts'

export const PROJECT_TYPE_CUES: Record<ProjectType, string[]> = {
  implementation: [
    'développer', 'développement', 'développe*', 'develop*', 'build*', 'construire', 'intégrer', 'intégration', 'integrate*',
    'déployer', 'déploiement', 'deploy*', 'mettre en place', 'mise en place', 'implement*', 'poc', 'mvp', 'prototype',
    'pilote', 'pilot', 'appli', 'application', 'app', 'plateforme', 'platform', 'outil qui', 'un outil', 'tool that', 'a tool',
    'système', 'system', 'solution', 'modèle', 'model', 'api', 'production', 'industrialiser', 'automatiser', 'automate',
    'we need', 'we want', 'nous voulons', 'nous souhaitons', 'on veut', 'je cherche', 'looking for someone',
    'devis', 'offre', 'combien', 'coût', 'cost', 'prix', 'price', 'budget', 'délai', 'deadline', 'livrer', 'deliver',
    'bghit', 'bghina', 'tsawb*', 'ysawb*', 'ydir', 'tdir', 'ch7al', 'chhal', 'taman', 'possible',
    'تطوير', 'نطور', 'إنجاز', 'نظام', 'تطبيق', 'منصة', 'حل', 'إدماج', 'بغيت', 'بغينا', 'يصايب', 'شحال', 'الثمن', 'الكلفة', 'التكلفة'
  ],
  consulting: [
    'conseil', 'conseiller', 'conseillé', 'consultant*', 'consultation', 'consulting', 'audit*', 'stratégie', 'strategy', 'strategic',
    'feuille de route', 'roadmap', 'faisabilité', 'feasibility', 'diagnostic', 'accompagnement', 'accompagner',
    'avis', 'opinion', 'expert indépendant', 'independent', 'indépendant*', 'neutre', 'neutral', 'second opinion',
    'choisir', 'choix', 'choose', 'selection', 'sélection', 'vendor*', 'prestataire*', 'fournisseur', 'comparer', 'compare',
    'due diligence', 'assess*', 'évaluer', 'évaluation', 'evaluate', 'evaluation', 'review', 'relire', 'validation indépendante',
    'gouvernance', 'governance', 'charte', 'policy', 'politique', 'cahier des charges', 'maîtrise d ouvrage', 'prioriser', 'prioritize',
    'maturité', 'maturity', 'readiness', 'conformité', 'compliance', 'conformes', 'juridique', 'legal', 'réglementaire', 'regulatory',
    'ra2y', 'ra2yo', 'ychof m3aya', 'ychof m3ana', 'nkhtaro', 'wach ystahl*', 'wach m3qol', 'neutre',
    'استشارة', 'استشارات', 'رأي', 'خبير', 'استراتيجية', 'تصور', 'جدوى', 'دراسة', 'تقييم', 'افتحاص', 'مستقل', 'نختارو', 'قانوني',
    'benchmark', 'état des lieux', 'regard extérieur', 'roi', 'advice', 'advise', 'advisor', 'adviser', 'conseils', 'recommandation*', 'recommend', 'due-diligence', 'go no go', 'نصيحة', 'نصائح', 'توصيات', 'مواكبة', 'تشخيص'
  ],
  training: [
    'formation', 'formations', 'former', 'formateur', 'atelier', 'ateliers', 'workshop*', 'training', 'train our', 'train my',
    'cours', 'course', 'courses', 'coaching', 'coach', 'masterclass', 'sensibilisation', 'awareness', 'upskill*', 'module',
    'intervenant', 'guest lecturer', 'lecture', 'lecturer', 'séances', 'sessions', 'apprendre', 'learn', 'learning', 'enseigner', 'teach',
    'programme de formation', 'parcours', 'bootcamp', 'webinar', 'journée de sensibilisation', 'inscrire', 'inscription',
    'nt3lem', 'yt3lmo', 'nt3lmo', 'y9ri', 'tkwin', 'takwin',
    'تكوين', 'تكوينية', 'دورة', 'ورشة', 'ورشات', 'تدريب', 'يوم دراسي', 'تأطير', 'نتعلم', 'يتعلمو', 'تعليم',
    'former nos', 'former les', 'former mes', 'train the', 'formation pour', 'session de formation', 'demi-journée', 'half-day', 'ncowniw', 'nkewnu', 'تكوين لفائدة', 'تدريب الموظفين', 'تكوين الموظفين', 'تأهيل'
  ],
  exploration: [
    'découvrir', 'découverte', 'discovery', 'comprendre', 'understand', 'explorer', 'explore', 'exploring', 'curieux', 'curious', 'curiosité',
    'par où commencer', 'where to start', 'no idea', 'aucune idée', 'ne sais pas', 'ne savons pas', 'sais pas', 'don t know',
    'pas de projet', 'rien de précis', 'pas encore de projet', 'not sure', 'pas sûr', 'se demande', 'on se demande', 'wondering', 'je me demande',
    'aperçu', 'overview', 'tour d horizon', 'présentation', 'introduction', 'introductory', 'premier échange', 'first chat', 'quick chat',
    'échange', 'discussion', 'conversation', 'call', 'appel', 'rendez-vous', 'what could', 'how could', 'comment l ia', 'ce que l ia', 'what ai',
    'opportunités', 'opportunities', 'possibilités', 'possibilities', 'usages', 'use cases', 'cas d usage', 'inspiration', 'veille', 'tendances', 'trends',
    'bghit nfhem', 'bghit nfham', 'bghit n3rf', 'nfhem', 'nfham', 'fikra', 'ma3rftch', 'ma3ndi 7ta fikra', 'chno l ia', 'ach l ia', 'wach l ia', 'kifach',
    'نفهم', 'نعرف', 'فكرة', 'استكشاف', 'استكشافية', 'تعريفي', 'تعريفية', 'كيف يمكن', 'شنو', 'واش', 'ينفعني', 'فرص', 'سمعنا',
    'التعرف على', 'نتعرف', 'كيف نستعمل', 'كيف يمكن للذكاء', 'je m interroge', 'interroge', 'entend parler', 'entendu parler', 'heard about', 'what s possible', 'ce qui est possible', 'ce qu on pourrait', 'pour commencer', 'first step', 'premiers pas', 'sama3na', 'sme3na', 'سمعت'
  ],
  other: [
    'stage', 'stagiaire', 'internship', 'intern', 'pfe', 'emploi', 'job', 'recrut*', 'hiring', 'cv', 'candidature', 'resume',
    'partenariat', 'partnership', 'partenaire', 'partner*', 'revendeur', 'reseller', 'marge', 'commission', 'distribut*',
    'journaliste', 'journalist', 'interview*', 'presse', 'press', 'article', 'magazine',
    'speaker', 'conférence', 'conference', 'summit', 'sponsor*', 'hackathon', 'mentor*', 'consortium', 'appel à projets', 'call for projects',
    'livre blanc', 'white paper', 'étudiant', 'student', 'students', 'mémoire', 'thesis', 'fin d études',
    'site web', 'site internet', 'website', 'sit web', 'vous proposer', 'nous proposons', 'we offer', 'offre partenaire', 'freelance',
    'تدريب', 'شغل', 'عمل', 'سيرتي', 'سيرة ذاتية', 'شراكة', 'شريك', 'طالب', 'طلبة', 'سيت ويب',
    'استضافة', 'ضيف', 'مقابلة صحفية', 'حوار', 'entretien', 'émission', 'reportage', 'invité', 'guest', 'speakers', 'collaboration', 'proposer nos services', 'propose mes services', 'my services', 'mes services', 'recrutez', 'recruiting', 'embauche'
  ]
}

export const SECTOR_CUES: Record<Exclude<Sector, 'other'>, string[]> = {
  agriculture: [
    'agricul*', 'agri*', 'agro*', 'ferme', 'farm*', 'exploitation agricole', 'irrigation', 'irrigu*', 'goutte à goutte', 'culture', 'cultures', 'crop*',
    'récolte', 'harvest', 'rendement', 'yield', 'parcelle*', 'élevage', 'éleveur', 'livestock', 'vaches', 'bétail', 'lait', 'laitier*', 'dairy',
    'coopérative', 'cooperative', 'pêche', 'pêcheur*', 'fishing', 'fisher*', 'seafood', 'aquaculture', 'serre*', 'greenhouse*', 'tomate*', 'tomato*',
    'agrumes', 'citrus', 'olive*', 'argan', 'dattes', 'palmier*', 'vigne', 'viticulture', 'viticole', 'vin', 'avocat*',
    'miel', 'abeilles', 'ruches', 'apiculture', 'sol', 'soil', 'engrais', 'maladies des plantes', 'plant disease',
    'fla7', 'fellah', 'l7lib', 'lhlib', 'sakya', 'khodra',
    'فلاح*', 'الفلاحة', 'فلاحية', 'زراع*', 'المزروعات', 'الري', 'ضيعة', 'تعاونية', 'الحليب', 'النحل', 'خلية', 'الأركان', 'الطماطم', 'الخضرة', 'الأفوكادو', 'الصيد البحري', 'المحاصيل',
    'agricole', 'agricoles', 'agronom*', 'hectare*', 'ha', 'verger*', 'orchard*', 'maraîch*', 'semence*', 'seeds', 'troupeau*', 'ovin*', 'bovin*', 'volaille*', 'poultry', 'aviculture', 'céréales', 'blé', 'wheat', 'cereal*', 'olivier*', 'oléicole', 'zitoun', 'agrume*', 'lfla7a', 'fla7a', 'farmer*', 'farming', 'fishery', 'fisheries', 'poisson*', 'fish', 'halieutique*', 'الزيتون', 'زيتون', 'الحوامض', 'مزرعة', 'المزارعين', 'الفلاحين', 'الماشية', 'المواشي', 'الأغنام', 'الحبوب', 'البذور', 'النخيل', 'التمور', 'الصيد', 'الثروة السمكية', 'السمك', 'الأسماك', 'البحارة', 'الصيادين', 'الزراعة', 'الزراعية', 'الفلاحي'
  ],
  health: [
    'santé', 'health*', 'médical', 'médicale', 'medical', 'médecin', 'doctor*', 'clinique', 'clinic*', 'hôpital', 'hospital*', 'chu',
    'patient*', 'soins', 'care', 'pharma*', 'pharmacie', 'pharmacien*', 'médicament*', 'radiolog*', 'imagerie médicale', 'telemedecine', 'télémédecine',
    'dentiste', 'dental', 'infirmier*', 'nurse*', 'kiné*', 'laboratoire d analyses', 'ophtalmo*', 'diabète', 'diabetic', 'urgences',
    'medtech', 'biotech', 'healthtech', 'gp', 'cabinet médical', 'ordonnance*', 'mutuelle', 'dicom',
    'طبيب', 'أطباء', 'عيادة', 'مصحة', 'مصحات', 'مستشفى', 'المرضى', 'مرضى', 'الصحة', 'الصحي', 'الطبية', 'صيدلية', 'دوا', 'الدواء', 'ممرض*', 'السكري',
    'hospitalier*', 'soignant*', 'maladie*', 'disease*', 'cardio*', 'oncolog*', 'laboratoire', 'analyses médicales', 'ambulance*', 'psycholog*', 'psychiatr*', 'tbib', 'sbitar', 'mrid', 'الطب', 'طبي', 'المرض', 'الأمراض', 'الصيدلة', 'صحة', 'صحي', 'المستشفيات', 'العلاج'
  ],
  finance: [
    'banque*', 'bank*', 'bancaire', 'banking', 'fintech', 'finance', 'financier*', 'financial', 'assurance*', 'assureur', 'insurance', 'insurtech',
    'crédit', 'credit', 'microcrédit', 'microfinance', 'micro-crédit', 'prêt*', 'loan*', 'scoring', 'fraude', 'fraud', 'paiement*', 'payment*',
    'mobile money', 'wallet', 'comptab*', 'comptable*', 'accounting', 'accountant', 'fiduciaire', 'expert-comptable', 'leasing', 'investissement', 'investment',
    'fonds', 'fund', 'family office', 'bourse', 'courtier', 'courtage', 'sinistre*', 'recouvrement', 'tva', 'factures', 'audit financier',
    'compta', 'flous',
    'بنك', 'البنك', 'بنكية', 'تأمين', 'التأمين', 'القروض', 'قروض', 'تمويل', 'الاحتيال', 'محاسب*', 'المحاسبة', 'مالية', 'الأداء',
    'asset manager', 'asset management', 'gestion d actifs', 'gestionnaire d actifs', 'wealth', 'private equity', 'venture capital', 'capital-risque', 'transactions', 'counterpart*', 'contrepartie*', 'kyc', 'aml', 'blanchiment', 'anti-money laundering', 'trésorerie', 'treasury', 'bancassurance', 'crowdfunding', 'finance participative', 'participative', 'takaful', 'broker*', 'البورصة', 'الأبناك', 'مصرف', 'مصرفية', 'الاستثمار', 'القرض', 'قرض', 'الائتمان', 'التمويل', 'المالية', 'الأداءات'
  ],
  public_sector: [
    'ministère', 'ministry', 'commune', 'municipal*', 'municipality', 'mairie', 'ville', 'city', 'administration', 'administratif*', 'public', 'publique', 'publics',
    'agence publique', 'public agency', 'gouvernement', 'government', 'e-gov*', 'préfecture', 'province', 'provincial', 'région', 'régional', 'conseil régional',
    'collectivité*', 'citoyen*', 'citizen*', 'état civil', 'services publics', 'élus', 'wilaya', 'direction régionale', 'établissement public', 'marché public',
    'smart city',
    'وزارة', 'الوزارات', 'جماعة', 'جماعة ترابية', 'مجلس', 'عمالة', 'العمالات', 'إقليم', 'إقليمي', 'الإدارة', 'العمومية', 'المواطنين', 'عمومي', 'جهوية', 'مديرية', 'الشكايات',
    'urbanisme', 'urban planning', 'caïdat', 'arrondissement', 'conseil communal', 'collectivités territoriales', 'tribunal', 'tribunaux', 'justice', 'court', 'courts', 'police', 'gendarmerie', 'office national', 'state-owned', 'public sector', 'secteur public', 'fonctionnaires', 'civil servants', 'الجماعات الترابية', 'البلدية', 'الولاية', 'الحكومة', 'الدولة', 'القطاع العام', 'المرافق العمومية', 'الإدارات', 'المحكمة', 'الموظفين العموميين'
  ],
  industry: [
    'industrie*', 'industry', 'industrial', 'industriel*', 'usine*', 'factory', 'plant', 'manufactur*', 'fabrication', 'fabricant', 'production', 'atelier de production',
    'mine', 'mines', 'mining', 'minier', 'minière', 'minerai', 'ore', 'phosphate*', 'engrais', 'fertilizer*', 'chimie', 'chemical',
    'automobile', 'automotive', 'aéronautique', 'aerospace', 'textile*', 'confection', 'btp', 'construction', 'chantier*', 'bâtiment', 'cimenterie',
    'plastique', 'injection plastique', 'métallurg*', 'tôlerie', 'sous-traitant', 'menuiserie', 'aluminium', 'chaussures',
    'maintenance prédictive', 'predictive maintenance', 'mes', 'convoyeur', 'conveyor', 'compresseur*', 'capteurs', 'sensors', 'qualité de production',
    'usine', 'm3mel', 'lma3mel',
    'مصنع', 'معمل', 'الصناعة', 'صناعة', 'الإنتاج', 'منجم', 'الخياطة', 'الأحذية', 'النسيج', 'البناء',
    'industriels', 'ligne de production', 'production line', 'assembly line', 'chaîne de montage', 'sidérurg*', 'acier', 'steel', 'cimen*', 'cement', 'agroalimentaire', 'agro-industrie', 'food processing', 'emballage', 'packaging', 'câblage', 'wiring', 'équipementier*', 'soudure', 'welding', 'machines', 'machine-outil*', 'usinage', 'machining', 'pièces détachées', 'spare parts', 'إنتاج', 'المصانع', 'الصناعية', 'التصنيع', 'المعامل'
  ],
  energy_environment: [
    'énergie', 'energy', 'énergétique', 'électricité', 'electricity', 'électrique', 'utility', 'utilities', 'régie', 'eau potable', 'water', 'réseau d eau',
    'renouvelable*', 'renewable*', 'solaire', 'solar', 'éolien*', 'wind', 'turbine*', 'pétrole', 'stations-service', 'carburant', 'gaz',
    'environnement*', 'environment*', 'environnemental*', 'déchets', 'waste', 'recyclage', 'tri', 'pollution', 'climat*', 'climate', 'océan', 'ocean', 'marine',
    'côtier', 'littoral', 'coastline', 'plage*', 'beach*', 'biodiversité', 'fuites', 'leak*', 'compteurs', 'meters', 'efficacité énergétique',
    'الطاقة', 'الكهرباء', 'الماء', 'المياه', 'البيئة', 'بيئية', 'البيئي', 'الساحل', 'الساحلي', 'النفايات', 'الطاقات المتجددة',
    'photovoltaï*', 'photovoltaic', 'pv', 'centrale', 'power plant', 'mw', 'kwh', 'réseau électrique', 'grid', 'hydrogène', 'hydrogen', 'barrage*', 'assainissement', 'sanitation', 'qualité de l air', 'air quality', 'émissions', 'co2', 'carbone', 'carbon', 'station-service', 'station service', 'stations service', 'hydrocarbures', 'fuel', 'distribution d eau', 'forêt*', 'forest*', 'wind farm', 'parc éolien', 'eolien*', 'الطاقة الشمسية', 'الشمسية', 'الريحية', 'محطة', 'التلوث', 'الغابات', 'الماء الصالح للشرب', 'الكهربائية'
  ],
  transport_logistics: [
    'transport*', 'logisti*', 'logisticien', 'entrepôt*', 'warehouse*', 'wms', 'tms', '3pl', 'flotte', 'fleet', 'camion*', 'truck*', 'livraison*', 'delivery',
    'port', 'ports', 'portuaire', 'terminal', 'conteneur*', 'container*', 'transitaire', 'freight', 'forwarding', 'douane*', 'customs', 'supply chain',
    'trafic', 'traffic', 'mobilité', 'mobility', 'aéroport', 'airport', 'vols', 'flights', 'bus', 'autocar*', 'tramway', 'train', 'ferroviaire', 'rail*',
    'tournées', 'routing', 'eta', 'messagerie', 'handling', 'parking', 'stationnement', 'gps', 'télématique', 'chauffeurs', 'drivers',
    'lcamion', 'camionat', 'trajets',
    'النقل', 'نقل', 'اللوجستيك', 'الشاحنات', 'مواقف السيارات', 'الميناء', 'السلع', 'التوصيل',
    'marchandises', 'goods', 'expédition*', 'shipping', 'colis', 'parcel*', 'last mile', 'dernier kilomètre', 'taxi*', 'vtc', 'chauffeur*', 'maritime', 'navire*', 'vessel*', 'freight-forwarding', 'freight forwarder', 'forwarder*', 'fret', 'entreposage', 'النقل الطرقي', 'الشحن', 'البضائع', 'البضاعة', 'السائقين', 'الطرق', 'الأسطول', 'الموانئ'
  ],
  education: [
    'école', 'écoles', 'school*', 'université', 'university', 'universitaire', 'faculté', 'faculty', 'lycée', 'collège', 'enseignement', 'education*',
    'éducation', 'edtech', 'élèves', 'pupils', 'étudiants', 'students', 'enseignants', 'teachers', 'professeurs', 'pédagog*', 'académie', 'academy',
    'centre de formation', 'organisme de formation', 'master', 'cours', 'devoirs', 'homework', 'examens', 'exam*', 'e-learning', 'apprenants',
    'laboratoire de recherche', 'recherche', 'research', 'ensa', 'est', 'fst', 'encg', 'chercheur', 'doctorat',
    'lmadrasa', 'talib', 'tlamid',
    'مدرسة', 'المدرسة', 'جامعة', 'الجامعة', 'كلية', 'التعليم', 'تعليم', 'الأساتذة', 'أساتذة', 'أستاذ', 'التلاميذ', 'الطلبة', 'طلبة', 'المتعلمين', 'البحث العلمي', 'مؤسسة للتعليم',
    'scolaire', 'scolarité', 'profs', 'prof', 'enseignant*', 'teacher*', 'classe', 'classes', 'classroom', 'apprenant*', 'formation professionnelle', 'lms', 'étudiant*', 'campus', 'bac', 'baccalauréat', 'madrasa', 'mdrasa', 'l9raya', 'tlamd', 'ostad', 'الدراسة', 'الثانوية', 'ثانوية', 'إعدادية', 'ابتدائية', 'القسم', 'التعليم الخصوصي', 'المدارس', 'الأستاذة', 'التلميذ'
  ],
  retail_ecommerce: [
    'commerce', 'e-commerce', 'ecommerce', 'boutique*', 'magasin*', 'store*', 'shop', 'shops', 'shopify', 'marketplace',
    'retail*', 'retailer', 'détaillant', 'distribution', 'distributeur', 'grande distribution', 'supermarché*', 'supérette*', 'superette*', 'hypermarché',
    'enseigne', 'franchise', 'points de vente', 'clients', 'produits', 'products', 'sku*', 'catalogue', 'vente', 'ventes', 'sales', 'prêt-à-porter', 'mode',
    'fashion', 'dtc', 'brand', 'marque', 'cosmétique*', 'parfum*', 'ameublement', 'furniture', 'boulangerie', 'pâtisserie', 'épicerie*', 'jumia', 'avito', 'instagram',
    'lhwayj', 'l7wayj', 'hanout', 'store online',
    'محل', 'المحل', 'متجر', 'التجارة', 'الحوايج', 'كنبيع', 'المبيعات', 'الزبائن', 'الكليان', 'الحلويات',
    'woocommerce', 'prestashop', 'magento', 'site e-commerce', 'boutique en ligne', 'online store', 'online shop', 'e-tailer', 'etailer', 'chaîne de magasins', 'retail chain', 'électroménager', 'electronics', 'grande surface', 'centre commercial', 'mall', 'vente en ligne', 'vendre en ligne', 'commandes', 'panier', 'cart', 'consommateurs', 'consumers', 'merchandising', 'vêtements', 'clothing', 'apparel', 'chaussures', 'المتجر', 'المتاجر', 'البيع', 'التجارة الإلكترونية', 'السلع', 'الزبناء', 'المنتجات'
  ],
  tourism_hospitality: [
    'tourisme', 'tourism', 'touristique', 'hôtel*', 'hotel*', 'hôtellerie', 'hospitality', 'riad*', 'maison d hôtes', 'maisons d hôtes', 'guest house*',
    'restaurant*', 'resto*', 'restauration', 'café', 'snack', 'traiteur', 'agence de voyages', 'travel', 'voyage*', 'circuits', 'tours', 'booking',
    'tripadvisor', 'réservation*', 'reservation*', 'check-in', 'camping', 'couverts', 'chambres', 'rooms',
    'السياحة', 'سياحي', 'فندق', 'أوطيل', 'الفندقة', 'مطعم', 'ريسطو', 'رياض', 'وكالة أسفار',
    'réception', 'receptionist', 'reception', 'séjour*', 'touriste*', 'tourist*', 'tour operator*', 'voyagiste*', 'agence de voyage', 'travel agency', 'guide*', 'excursion*', 'hammam', 'spa', 'gîte*', 'auberge*', 'hostel*', 'bivouac', 'restaurateur*', 'nuitées', 'الاستقبال', 'السياح', 'الفنادق', 'المطاعم', 'دار الضيافة', 'الضيافة', 'الأسفار', 'السفر', 'الرياضات'
  ],
  telecom_media_tech: [
    'télécom*', 'telecom*', 'opérateur télécom', 'operator', 'média*', 'media', 'presse', 'journal', 'radio', 'télévision', 'tv', 'podcast*', 'publishing', 'édition',
    'éditeur', 'éditeur de logiciel*', 'logiciel*', 'software', 'saas', 'startup tech', 'agence digitale', 'agence web', 'digital agency', 'agence de communication',
    'call center', 'call centre', 'centre d appel*', 'centre de relation client', 'contact center', 'cloud', 'hébergeur', 'data center', 'datacenter', 'gpu',
    'developers', 'développeurs', 'it', 'esn', 'ssii', 'tech',
    'الاتصالات', 'الإعلام', 'إعلامي', 'جريدة', 'إذاعة', 'قناة', 'برمجيات', 'مركز الاتصال',
    'journaliste', 'journalist', 'magazine', 'journalisme', 'rédaction d un', 'youtube*', 'youtuber', 'chaîne youtube', 'influenceur*', 'influencer*', 'créateur de contenu', 'content creator', 'agence de com', 'agence marketing', 'marketing agency', 'publicité', 'advertising', 'ad agency', 'studio', 'production audiovisuelle', 'audiovisuel*', 'maison d édition', 'publishing house', 'publisher', 'éditions', 'startup', 'applis mobiles', 'mobile apps', 'développement mobile', 'intégrateur', 'informatique', 'opérateur', 'fai', 'internet provider', 'fibre', 'telco', 'صحفي', 'صحافة', 'الصحافة', 'تلفزيون', 'التلفزة', 'تلفزيوني', 'برنامج تلفزيوني', 'يوتيوب', 'قناة يوتيوب', 'الإشهار', 'المعلوميات', 'شركة برمجيات', 'النشر', 'دار النشر'
  ]
}

export const CAPABILITY_CUES: Record<Capability, string[]> = {
  conversational: [
    'chatbot*', 'chat bot', 'bot', 'voicebot', 'callbot', 'assistant*', 'agent conversationnel', 'conversationnel*', 'conversational',
    'assistant virtuel', 'virtual assistant', 'voice assistant', 'assistant vocal', 'répondre aux', 'répond aux', 'répondre automatiquement', 'answer*', 'questions',
    'whatsapp', 'messenger', 'faq', 'chatgpt', 'gpt', 'llm', 'copilot', 'rag', 'ia générative', 'generative ai', 'genai', 'générative',
    'support client', 'service client', 'customer service', 'customer support', 'relation client',
    'yjawb', 'njawb', 'ijawb', 'robot yjawb', 'messages',
    'روبو', 'روبوت محادثة', 'مساعد', 'مساعد افتراضي', 'مساعد ذكي', 'دردشة', 'يجاوب', 'الرد على', 'للإجابة', 'الإجابة', 'أسئلة', 'الواتساب', 'واتساب', 'المساجات', 'التوليدي',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'agent vocal', 'serveur vocal', 'base de connaissances', 'knowledge base', 'retrieval-augmented', 'large language model*', 'شات بوت', 'خدمة الزبناء', 'خدمة العملاء', 'دعم العملاء', 'نموذج لغوي', 'النماذج اللغوية'
  ],
  vision: [
    'vision', 'computer vision', 'image*', 'imagerie', 'photo*', 'caméra*', 'camera*', 'vidéo*', 'video*', 'footage', 'dashcam*', 'drone*',
    'satellite*', 'satellitaire*', 'ocr', 'scann*', 'scan', 'scanned', 'lire les', 'lecture automatique', 'manuscrit*', 'handwritten', 'reconnaissance visuelle',
    'inspection visuelle', 'visual inspection', 'contrôle qualité par caméra', 'détection d objets', 'object detection', 'plaques', 'license plate*', 'x-ray', 'radio',
    'dicom', 'rétin*', 'retin*', 'cnn', 'visuel*', 'pièces scannées', 'tsawer', 'tswira', 'nsawar', 'camera',
    'صور', 'الصور', 'صورة', 'كاميرا', 'الكاميرات', 'بالكاميرات', 'الأقمار الاصطناعية', 'الأقمار الصناعية', 'الطائرات المسيرة', 'البصري', 'الأشعة', 'نصور', 'الكارط', 'يقرا الوراق', 'لوحات الترقيم',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'visual', 'فيديو*', 'الرؤية الحاسوبية', 'درون*', 'التعرف الضوئي', 'kamera', 'kamira'
  ],
  language: [
    'traduction', 'traduire', 'translat*', 'transcription', 'transcrire', 'transcribe', 'speech-to-text', 'speech to text', 'reconnaissance vocale', 'speech recognition',
    'speech analytics', 'voix', 'vocal', 'voice', 'audio', 'dictée', 'dictation', 'nlp', 'traitement du langage', 'natural language', 'text analysis', 'analyse de texte',
    'analyse des avis', 'avis clients', 'reviews', 'sentiment', 'résumé*', 'summar*', 'sous-titres', 'subtitles', 'captions', 'darija', 'amazigh*', 'tachelhit', 'tifinagh',
    'arabe', 'arabic', 'multilingue', 'multilingual', 'rédaction', 'rédiger', 'drafting', 'génération de texte', 'classification de textes', 'recherche juridique',
    'matching', 'prononciation', 'pronunciation', 'fransawiya', 'b darija',
    'ترجمة', 'الترجمة', 'نصوص', 'صوتياً', 'الصوت', 'الكلام', 'نطق', 'بالدارجة', 'الدارجة', 'الأمازيغية', 'اللغة العربية', 'تصنيف الشكايات', 'معالجة اللغة',
    'descriptions produits', 'product descriptions', 'fiches produits', 'copywriting', 'rédaction de contenu', 'content writing', 'rédiger des', 'écrire des', 'write', 'writing', 'textes', 'texte', 'text', 'langues', 'languages', 'langue', 'anglais', 'english', 'espagnol', 'spanish', 'بالإنجليزية', 'بالنجليزية', 'بالفرنسية', 'اللغات', 'الكتابة', 'كتابة', 'تحرير', 'النصوص', 'ktaba', 'yktb', 'tktb',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'synthèse vocale', 'reconnaissance de la parole', 'traducteur*', 'traduit', 'speech', 'تلخيص', 'ملخص*', 'تفريغ'
  ],
  predictive: [
    'prédi*', 'predict*', 'prévision*', 'prévoir', 'forecast*', 'anticiper', 'anticipate', 'scoring', 'score', 'fraude', 'fraud', 'détection de fraude',
    'maintenance prédictive', 'predictive maintenance', 'recommandation*', 'recommendation*', 'anomal*', 'churn', 'risque', 'risk', 'demande', 'demand',
    'rendement*', 'yield', 'stock*', 'pricing', 'tarification', 'optimis*', 'optimiz*', 'machine learning', 'ml', 'xgboost', 'classification', 'détecter', 'detect*',
    'alerte*', 'alert*', 'eta', 'matching', 'personnalis*', 'personaliz*', 'fuites', 'leak*', 'retards', 'delays', 'défauts', 'defects',
    'ntwq3o', 'n3rfo ch7al', 'ychof ch7al', 'y7seb ch7al', 'ghadi ykon',
    'توقع', 'نتوقعو', 'تنقيط', 'الاحتيال', 'الكشف', 'رصد', 'يحسب', 'المبيعات',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'تنبؤ*', 'توقعات', 'الشذوذ', 'نظام توصية', 'المخاطر'
  ],
  automation: [
    'automatis*', 'automat*', 'automatique*', 'automatiquement', 'automatically', 'workflow*', 'rpa', 'agent', 'agents', 'agent ia', 'ai agent',
    'traitement des documents', 'document processing', 'idp', 'extraction', 'extraire', 'extract*', 'saisie', 'data entry', 'pré-remplir', 'alimenter', 'back-office',
    'dématérialisation', 'factures', 'invoices', 'bons de commande', 'purchase orders', 'déclarations', 'génère', 'générer', 'generate', 'génération',
    'otomatik', 'automatiquement', 'tsawb', 'ydkhlhom', 'bohdo',
    'أوتوماتيك', 'تلقائياً', 'تلقائيا', 'آلي', 'الآلية', 'أتمتة', 'بوحدهم', 'بوحدو', 'توليد', 'تسجلهم', 'الفوترة', 'يقرا',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'flux de travail', 'traitement de documents', 'traitement documentaire', 'robotisation', 'backoffice', 'معالجة الوثائق', 'آليا', 'أوتوماتيكيا', 'وكيل ذكي', 'وكلاء', 'سير العمل'
  ],
  data: [
    'données', 'data', 'dataset*', 'base de données', 'database', 'tableau de bord', 'tableaux de bord', 'dashboard*', 'reporting', 'power bi', 'bi',
    'data engineering', 'lakehouse', 'data lake', 'entrepôt de données', 'data warehouse', 'etl', 'pipeline*', 'collecte', 'collect*', 'annotation', 'labelling', 'labeling', 'label',
    'gouvernance des données', 'data governance', 'stratégie data', 'data strategy', 'qualité des données', 'data quality', 'catalogue', 'lignage', 'open data', 'données ouvertes',
    'cartographier', 'carte', 'map', 'visualis*', 'analyse des données', 'analytics', 'ldata', 'data dyal',
    'البيانات', 'بيانات', 'المعطيات', 'لوحة القيادة', 'قاعدة بيانات',
    // The terms of the label's description in TAXONOMY.md, in the languages they were missing from
    'étiquetage', 'labellisation', 'donnée', 'لوحات القيادة', 'لوحة تحكم', 'لوحات التحكم', 'الداتا'
  ]
}

export const SPAM_CUES: string[] = [
  'seo', 'référencement', 'backlink*', 'dofollow', 'domain authority', 'da50', 'first page of google', 'première page', '1ère page', '1ere page', 'page google',
  'guest post*', 'article invité', 'link building', 'linkbuilding', 'crypto*', 'bitcoin', 'casino', 'slots', 'paris sportifs', 'betting', 'replica',
  'prêt rapide', 'entre particuliers', 'sans vérification', 'earn money', 'gagner de l argent', 'work from home', 'followers', 'abonnés', 'likes',
  'offshore developers', 'per hour', 'hour', '$15', 'redesign your website', 'web designer', 'cheap price', 'white hat', '100%', 'garanti', 'guaranteed',
  'offre spéciale', 'special offer', 'limited time', 'click here', 'cliquez ici', 'facture impayée', 'restant impayée', 'overdue', 'invoice', 'confirm payment',
  'verify your account', 'vérifiez votre compte', 'désactivée', 'violation', 'bit.ly', 'price list', 'place a big order', 'big order', 'catalogue and price list',
  'test du formulaire', 'ne pas répondre', 'lorem ipsum', 'test test', 'test', 'asdf', 'qwerty',
  'email list', 'mailing list', 'fichier emails', 'base emails', 'decision makers', 'gdpr compliant', 'trading', 'investissez', 'gains', 'profit*',
  'inscription gratuite', 'retrait', 'rendement garanti', 'daily income', 'from home', 'à domicile', 'khedma mn dar', 'follower*', 'offshore',
  'at $', 'bonus', 'winner', 'acquiring', 'limited spots', 'join now',
  'سيو', 'جوجل', 'من الدار', 'من المنزل', 'دخل يومي', 'ربح', 'أرباح', 'متابع*', 'تصدر نتائج البحث', 'اربح', 'العملات الرقمية', 'متابع', 'المتابعين', 'اضغط هنا', 'سجل الآن', 'بدون خبرة', 'عرض خاص', 'مكافأة',
  'keywords', 'mots-clés', 'mots clés', 'ranking', 'top of google', 'free audit', 'audit gratuit', 'reply with', 'reply yes', 'proven', 'forex', 'nft', 'airdrop', 'usdt', 'binance', 'passive income', 'revenu passif', 'make money', 'viagra', 'bulk sms', 'envoi en masse', 'mass email', 'unsubscribe', 'désabonner', 'se désinscrire', 'congratulations', 'lottery', 'loterie', 'domain rating', 'high authority', 'sponsored post', 'article sponsorisé', 'الكلمات المفتاحية', 'الصفحة الأولى', 'بيتكوين', 'تداول', 'مجانا', 'الربح'
]
