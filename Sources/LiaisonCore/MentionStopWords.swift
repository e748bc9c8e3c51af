/// Common words of English, French and Spanish, folded as `SearchText.normalize` folds them: a name made
/// only of these ("Nice", "Mobile", "Orange", "Reading", "La Paz" is not: "paz" is kept) is not linked,
/// since a report using the word almost always means the word. Short words are here too so that a name of
/// several of them ("Le Mans" is kept, "The Hope" is not) is caught.
enum MentionStopWords {
    static let all: Set<String> = Set((english + french + spanish).split(separator: " ").map(String.init))

    private static let english = """
        a about above after again against all also am an and any are as at be because been before being \
        below between both but by can could did do does doing down during each few for from further had has \
        have having he her here hers him his how i if in into is it its just me more most my no nor not now of \
        off on once only or other our ours out over own same she should so some such than that the their them \
        then there these they this those through to too under until up very was we were what when where which \
        while who whom why will with would you your yours \
        able back bad bath best better big black blue bill bridge brown call case change city clear close cold \
        come common cross day deal dear early east even fair fall far field fine first free full gate general \
        give good grand great green ground hall hand happy hard head high hill hold home hope house just keep \
        kind land large last late lead left less life light like line little live long look lost love made main \
        make many march may mean meet middle might mobile must name near need never new news next nice night \
        north note office old open orange order page paradise park part party people place plain plan point \
        power present public reading ready real red report right river road rock round rule said say see sell \
        service set shall short show side small south split spring start state still story street strong \
        summer sure table take team than thank thing think time today together town trade true turn union unity \
        upper use value view visit wall want water way well west white whole wide will winter word work world \
        year young
        """

    private static let french = """
        au aux avec ce ces cette dans de des du elle en est et il ils je la le les leur lui mais me meme mes \
        moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une \
        vos votre vous y \
        ainsi alors apres aussi autre avant bien bon bonne cas chose comme donc encore entre etat fait faire \
        fois grand grande jour lieu maison mars monde nouveau nouvelle orange paix pays petit petite place \
        plus point pont port pour quand sans selon sous tout toute tous toutes tres trop vers ville vie
        """

    private static let spanish = """
        al como con del el ella ellas ellos en entre es esta este esto hay la las lo los mas mi muy nada ni no \
        nos o para pero por que se ser si sin sobre su sus tambien te tu un una uno unos y ya yo \
        agua ano antes bien bueno buena casa ciudad cosa dia donde dos entonces estado gran grande hoy lugar \
        mayo mejor mismo mundo nueva nuevo otro otra parte poco puerto puente rio santa siempre solo tiempo \
        todo toda todos vida villa
        """
}
