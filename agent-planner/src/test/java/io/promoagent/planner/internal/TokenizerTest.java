package io.promoagent.planner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    static Token only(String text) {
        List<Token> tokens = Tokenizer.tokenize(text);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    @Nested
    class Numbers {
        @Test
        void moneyKeepsItsCentsAndDropsItsSeparators() {
            Token t = only("$1,000.50");
            assertThat(t.kind()).isEqualTo(Token.Kind.MONEY);
            assertThat(t.number()).isEqualByComparingTo("1000.50");
        }

        @Test
        void aCurrencyWordAfterANumberMakesItMoney() {
            Token t = only("800 dollars");
            assertThat(t.kind()).isEqualTo(Token.Kind.MONEY);
            assertThat(t.number()).isEqualByComparingTo("800");
        }

        @Test
        void thousandsAndMillionsMayBeWrittenWithALetter() {
            assertThat(only("1.5k").number()).isEqualByComparingTo("1500");
            assertThat(only("$2m").number()).isEqualByComparingTo("2000000");
        }

        @Test
        void percentagesAreWrittenWithASignOrAWord() {
            assertThat(only("25%").kind()).isEqualTo(Token.Kind.PERCENT);
            assertThat(only("25 percent").kind()).isEqualTo(Token.Kind.PERCENT);
            assertThat(only("25 per cent").number()).isEqualByComparingTo(BigDecimal.valueOf(25));
        }

        @Test
        void smallNumbersMayBeWords() {
            assertThat(only("ten").number()).isEqualByComparingTo("10");
        }
    }

    @Nested
    class Literals {
        @Test
        void isoDatesEmailAddressesAndIdentifiersAreRecognised() {
            assertThat(only("2026-01-01").date()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(only("John@Example.com").kind()).isEqualTo(Token.Kind.EMAIL);
            Token id = only("C00042");
            assertThat(id.kind()).isEqualTo(Token.Kind.IDENT);
            assertThat(id.text()).isEqualTo("C00042");
        }

        @Test
        void quotedTextIsOneToken() {
            Token t = only("\"Summer Sale\"");
            assertThat(t.kind()).isEqualTo(Token.Kind.QUOTED);
            assertThat(t.text()).isEqualTo("Summer Sale");
        }

        @Test
        void comparisonSymbolsAreKept() {
            assertThat(Tokenizer.tokenize("spent >= 10")).extracting(Token::key).containsExactly("spent", ">=", "10");
            assertThat(Tokenizer.tokenize("spent \u2264 10")).extracting(Token::key).containsExactly("spent", "<=", "10");
        }
    }

    @Nested
    class WordForms {
        @Test
        void keysIgnoreCaseHyphensApostrophesAndPossessives() {
            assertThat(only("Haven't").key()).isEqualTo("havent");
            assertThat(only("e-mail").key()).isEqualTo("email");
            assertThat(only("customer's").key()).isEqualTo("customer");
        }

        @Test
        void stemsAreSingular() {
            assertThat(only("Customers").stem()).isEqualTo("customer");
            assertThat(only("categories").stem()).isEqualTo("category");
            assertThat(only("status").stem()).isEqualTo("status");
        }

        @Test
        void rootsJoinFormsOfOneWord() {
            assertThat(Words.root("spender"))
                    .isEqualTo(Words.root("spend"));
            assertThat(Words.root("paused"))
                    .isEqualTo(Words.root("pause"));
        }

        @Test
        void punctuationIsDropped() {
            assertThat(Tokenizer.tokenize("Which customers joined?")).extracting(Token::key)
                    .containsExactly("which", "customers", "joined");
        }
    }
}
