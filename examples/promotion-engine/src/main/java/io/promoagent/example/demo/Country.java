package io.promoagent.example.demo;

import java.util.List;

/** The countries the demo shop sells in, with how common each is and the names and cities typical of it. */
enum Country {
    US(34,
            List.of("John", "Michael", "David", "James", "Robert", "William", "Daniel", "Matthew", "Christopher",
                    "Emily", "Sarah", "Jessica", "Ashley", "Jennifer", "Amanda", "Olivia", "Madison", "Hannah",
                    "Tyler", "Brandon", "Megan", "Lauren", "Kevin", "Rachel"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia", "Rodriguez",
                    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
                    "White", "Harris", "Clark", "Lewis", "Walker", "Young"),
            List.of("New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Diego",
                    "Dallas", "Austin", "Seattle", "Denver", "Boston")),
    GB(15,
            List.of("John", "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "Oscar", "James", "Amelia",
                    "Olivia", "Isla", "Emily", "Poppy", "Ava", "Isabella", "Jessica", "Lily", "Sophie", "Grace"),
            List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
                    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
                    "Hughes", "Clarke"),
            List.of("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Liverpool", "Bristol", "Edinburgh",
                    "Sheffield", "Cardiff")),
    DE(14,
            List.of("Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Elias", "Anna", "Lena",
                    "Laura", "Lea", "Julia", "Hannah", "Sophie", "Marie", "Katharina", "Stefan"),
            List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann", "Schwarz"),
            List.of("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig",
                    "Dresden", "Hanover")),
    FR(10,
            List.of("Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Thomas", "Emma", "Louise",
                    "Chloé", "Camille", "Manon", "Léa", "Inès", "Juliette", "Claire", "Mathilde"),
            List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garnier", "Fontaine", "Rousseau",
                    "Girard"),
            List.of("Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier",
                    "Bordeaux", "Lille")),
    NL(7,
            List.of("Daan", "Sem", "Lucas", "Levi", "Milan", "Bram", "Thijs", "Ruben", "Emma", "Julia", "Sophie",
                    "Tess", "Anouk", "Fleur", "Sanne", "Lotte"),
            List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters"),
            List.of("Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
                    "Haarlem")),
    ES(8,
            List.of("Hugo", "Martín", "Lucas", "Mateo", "Pablo", "Alejandro", "Javier", "Carlos", "Lucía",
                    "Sofía", "María", "Paula", "Martina", "Carmen", "Elena", "Laura", "Marta", "Sara"),
            List.of("García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
                    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero",
                    "Navarro"),
            List.of("Madrid", "Barcelona", "Valencia", "Seville", "Zaragoza", "Málaga", "Bilbao", "Alicante",
                    "Granada")),
    IT(7,
            List.of("Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Andrea", "Marco", "Luca",
                    "Giulia", "Sofia", "Aurora", "Alice", "Chiara", "Francesca", "Martina", "Elena", "Sara",
                    "Giorgia"),
            List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo"),
            List.of("Rome", "Milan", "Naples", "Turin", "Palermo", "Genoa", "Bologna", "Florence", "Verona",
                    "Venice")),
    SE(5,
            List.of("Erik", "Lars", "Karl", "Oscar", "William", "Liam", "Nils", "Axel", "Alice", "Maja", "Elsa",
                    "Astrid", "Ebba", "Linnea", "Saga", "Ingrid"),
            List.of("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg",
                    "Holm"),
            List.of("Stockholm", "Gothenburg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping",
                    "Helsingborg"));

    private final int weight;
    private final List<String> firstNames;
    private final List<String> lastNames;
    private final List<String> cities;

    Country(int weight, List<String> firstNames, List<String> lastNames, List<String> cities) {
        this.weight = weight;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
        this.cities = cities;
    }

    /** The relative share of customers who live in this country. */
    int weight() {
        return weight;
    }

    List<String> firstNames() {
        return firstNames;
    }

    List<String> lastNames() {
        return lastNames;
    }

    List<String> cities() {
        return cities;
    }
}
